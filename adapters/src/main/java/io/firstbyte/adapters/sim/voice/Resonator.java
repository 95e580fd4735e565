package io.firstbyte.adapters.sim.voice;

/** A two-pole resonator: one formant of the vocal tract, retunable while it runs. */
final class Resonator {

    private final double bandwidthHz;
    private final int sampleRate;
    private double a1;
    private double a2;
    private double gain;
    private double y1;
    private double y2;

    Resonator(double frequencyHz, double bandwidthHz, int sampleRate) {
        this.bandwidthHz = bandwidthHz;
        this.sampleRate = sampleRate;
        tune(frequencyHz);
    }

    void tune(double frequencyHz) {
        double r = Math.exp(-Math.PI * bandwidthHz / sampleRate);
        double theta = 2 * Math.PI * frequencyHz / sampleRate;
        a1 = 2 * r * Math.cos(theta);
        a2 = -r * r;
        // scales the peak gain at the formant frequency to about one
        gain = (1 - r) * Math.sqrt(1 - 2 * r * Math.cos(2 * theta) + r * r);
    }

    double filter(double x) {
        double y = gain * x + a1 * y1 + a2 * y2;
        y2 = y1;
        y1 = y;
        return y;
    }
}
