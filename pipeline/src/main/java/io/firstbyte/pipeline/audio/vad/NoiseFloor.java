package io.firstbyte.pipeline.audio.vad;

/**
 * The background level of one frequency band, in dB, and how much it wanders from frame to frame.
 * Frames judged noise pull the estimate towards them (down fast, up slowly) and teach the typical
 * deviation; a louder noise that is taken for speech is caught by minimum statistics: when even the
 * quietest frame of the last {@code windowMillis} lies above the estimate, the estimate moves up to
 * it. Speech never holds a band high for that long (its syllables leave troughs between them), so
 * only a steady sound does. Allocates nothing after construction. Not thread-safe.
 */
final class NoiseFloor {

    /** A frame is voiced in this band when it stands this many typical deviations above the floor. */
    private static final double DEVIATIONS = 3;
    private static final double INITIAL_DEVIATION_DB = 1;
    private static final double FALL_MILLIS = 60;
    private static final double RISE_MILLIS = 400;
    private static final double DEVIATION_MILLIS = 400;
    private static final int SUB_WINDOWS = 4;

    private final long subWindowMillis;
    private final double[] minima = new double[SUB_WINDOWS];
    private int minimaFilled;
    private int nextMinimum;
    private double currentMinimum = Double.POSITIVE_INFINITY;
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

    double estimateDb() {
        return estimate;
    }

    private void track(double levelDb, long durationMillis) {
        currentMinimum = Math.min(currentMinimum, levelDb);
        currentMillis += durationMillis;
        if (currentMillis >= subWindowMillis) {
            minima[nextMinimum] = currentMinimum;
            nextMinimum = (nextMinimum + 1) % SUB_WINDOWS;
            minimaFilled = Math.min(SUB_WINDOWS, minimaFilled + 1);
            currentMinimum = Double.POSITIVE_INFINITY;
            currentMillis = 0;
        }
        if (minimaFilled == SUB_WINDOWS) {
            double quietest = currentMinimum;
            for (double minimum : minima) {
                quietest = Math.min(quietest, minimum);
            }
            estimate = Math.max(estimate, quietest);
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
