package io.firstbyte.pipeline.audio;

/**
 * Designs linear-phase low-pass FIR filters as a Kaiser-windowed sinc. The Kaiser window trades
 * length for stopband attenuation by one parameter, and the classic formulas (Kaiser 1974) give
 * that parameter and the length from the attenuation and the transition width.
 */
final class KaiserLowPass {

    private KaiserLowPass() {
    }

    /**
     * Coefficients of a low-pass filter.
     *
     * @param cutoff         half-amplitude frequency as a fraction of the sample rate (0 to 0.5)
     * @param transition     width of the transition band as a fraction of the sample rate
     * @param attenuationDb  stopband attenuation to design for
     */
    static double[] design(double cutoff, double transition, double attenuationDb) {
        int length = (int) Math.ceil((attenuationDb - 7.95) / (14.36 * transition)) + 1;
        double beta = beta(attenuationDb);
        double center = (length - 1) / 2.0;
        double[] taps = new double[length];
        for (int n = 0; n < length; n++) {
            double x = n - center;
            taps[n] = 2 * cutoff * sinc(2 * cutoff * x) * window(x / center, beta);
        }
        return taps;
    }

    private static double beta(double attenuationDb) {
        if (attenuationDb > 50) {
            return 0.1102 * (attenuationDb - 8.7);
        }
        if (attenuationDb >= 21) {
            return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
        }
        return 0;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** The Kaiser window at {@code r} in [-1, 1]. */
    private static double window(double r, double beta) {
        return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(beta);
    }

    /** Modified Bessel function of the first kind, order zero, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-12 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
