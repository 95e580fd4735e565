package io.firstbyte.pipeline.audio;

/** Test signals and the measurements the audio tests make on them. */
final class Tones {

    private Tones() {
    }

    static short[] sine(double frequency, double amplitude, int sampleRate, int samples) {
        short[] out = new short[samples];
        for (int n = 0; n < samples; n++) {
            out[n] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * n / sampleRate));
        }
        return out;
    }

    /** Amplitude of the component at {@code frequency} in {@code samples[from..]}: a Hann-windowed Goertzel. */
    static double amplitudeAt(short[] samples, int from, double frequency, int sampleRate) {
        int length = samples.length - from;
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        double windowSum = 0;
        for (int n = 0; n < length; n++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length);
            windowSum += window;
            double current = window * samples[from + n] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(power) / windowSum;
    }

    /**
     * Root-mean-square of what is left in {@code samples[from..]} after removing the best-fitting
     * sinusoid at {@code frequency} (any amplitude, any phase): aliases, images and noise.
     */
    static double residualRms(short[] samples, int from, double frequency, int sampleRate) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double ys = 0;
        double yc = 0;
        for (int n = from; n < samples.length; n++) {
            double s = Math.sin(2 * Math.PI * frequency * n / sampleRate);
            double c = Math.cos(2 * Math.PI * frequency * n / sampleRate);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += samples[n] * s;
            yc += samples[n] * c;
        }
        double determinant = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / determinant;
        double b = (yc * ss - ys * sc) / determinant;
        double sum = 0;
        for (int n = from; n < samples.length; n++) {
            double fitted = a * Math.sin(2 * Math.PI * frequency * n / sampleRate)
                    + b * Math.cos(2 * Math.PI * frequency * n / sampleRate);
            sum += (samples[n] - fitted) * (samples[n] - fitted);
        }
        return Math.sqrt(sum / (samples.length - from));
    }

    static double rms(short[] samples, int from) {
        double sum = 0;
        for (int n = from; n < samples.length; n++) {
            sum += (double) samples[n] * samples[n];
        }
        return Math.sqrt(sum / (samples.length - from));
    }

    /** Frequency from the upward zero crossings in {@code samples[from..]}, interpolated between samples. */
    static double frequencyByZeroCrossings(short[] samples, int from, int sampleRate) {
        double first = -1;
        double last = -1;
        int crossings = 0;
        for (int n = from + 1; n < samples.length; n++) {
            if (samples[n - 1] < 0 && samples[n] >= 0) {
                double at = n - 1 + (double) -samples[n - 1] / (samples[n] - samples[n - 1]);
                first = first < 0 ? at : first;
                last = at;
                crossings++;
            }
        }
        return crossings < 2 ? 0 : (crossings - 1) * sampleRate / (last - first);
    }

    static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
