package io.firstbyte.pipeline.audio.vad;

/**
 * The background level of one frequency band, in dB, and how much it wanders from frame to frame.
 * Frames judged noise pull the estimate towards them (down fast, up slowly) and teach the typical
 * deviation. A louder noise that is taken for speech is caught by minimum statistics: when even the
 * quietest frame of the last {@code windowMillis} lies above the estimate and the band has been
 * steady meanwhile (its loudest and quietest frames within {@link #STEADY_DB}), the estimate moves
 * up to that quietest frame. Steady noise wanders by 2-6 dB over a second; speech, whose syllables
 * rise and fall several times a second, by 10 dB or more even 10 dB above pink noise, so a long
 * sentence is never learnt as background. Allocates nothing after construction. Not thread-safe.
 */
final class NoiseFloor {

    /** A frame is voiced in this band when it stands this many typical deviations above the floor. */
    private static final double DEVIATIONS = 3;
    private static final double INITIAL_DEVIATION_DB = 1;
    private static final double FALL_MILLIS = 60;
    private static final double RISE_MILLIS = 400;
    private static final double DEVIATION_MILLIS = 400;
    private static final int SUB_WINDOWS = 4;
    static final double STEADY_DB = 8;

    private final long subWindowMillis;
    private final double[] minima = new double[SUB_WINDOWS];
    private final double[] maxima = new double[SUB_WINDOWS];
    private int minimaFilled;
    private int nextMinimum;
    private double currentMinimum = Double.POSITIVE_INFINITY;
    private double currentMaximum = Double.NEGATIVE_INFINITY;
    private long currentMillis;
    private double estimate = Double.NaN;
    private double deviation = INITIAL_DEVIATION_DB;
    private long ratesMillis = -1;
    private double fall;
    private double rise;
    private double learn;

    NoiseFloor(long windowMillis) {
        this.subWindowMillis = Math.max(1, windowMillis / SUB_WINDOWS);
    }

    /** How far {@code levelDb} stands above this band's floor plus the margin needed to count as voiced. */
    double excess(double levelDb, double marginDb) {
        if (Double.isNaN(estimate)) {
            estimate = levelDb;
        }
        return levelDb - estimate - Math.max(marginDb, DEVIATIONS * deviation);
    }

    /** Learns from one frame; {@code noise} says the frame was judged background. */
    void update(double levelDb, boolean noise, long durationMillis) {
        rates(durationMillis);
        if (levelDb < estimate) {
            estimate += fall * (levelDb - estimate);
        } else if (noise) {
            estimate += rise * (levelDb - estimate);
        }
        if (noise) {
            deviation += learn * (Math.abs(levelDb - estimate) - deviation);
        }
        track(levelDb, durationMillis);
    }

    private void track(double levelDb, long durationMillis) {
        currentMinimum = Math.min(currentMinimum, levelDb);
        currentMaximum = Math.max(currentMaximum, levelDb);
        currentMillis += durationMillis;
        if (currentMillis >= subWindowMillis) {
            minima[nextMinimum] = currentMinimum;
            maxima[nextMinimum] = currentMaximum;
            nextMinimum = (nextMinimum + 1) % SUB_WINDOWS;
            minimaFilled = Math.min(SUB_WINDOWS, minimaFilled + 1);
            currentMinimum = Double.POSITIVE_INFINITY;
            currentMaximum = Double.NEGATIVE_INFINITY;
            currentMillis = 0;
        }
        if (minimaFilled == SUB_WINDOWS) {
            double quietest = currentMinimum;
            double loudest = currentMaximum;
            for (int i = 0; i < SUB_WINDOWS; i++) {
                quietest = Math.min(quietest, minima[i]);
                loudest = Math.max(loudest, maxima[i]);
            }
            if (quietest > estimate && loudest - quietest <= STEADY_DB) {
                estimate = quietest;
            }
        }
    }

    private void rates(long durationMillis) {
        if (durationMillis != ratesMillis) {
            ratesMillis = durationMillis;
            fall = 1 - Math.exp(-durationMillis / FALL_MILLIS);
            rise = 1 - Math.exp(-durationMillis / RISE_MILLIS);
            learn = 1 - Math.exp(-durationMillis / DEVIATION_MILLIS);
        }
    }
}
