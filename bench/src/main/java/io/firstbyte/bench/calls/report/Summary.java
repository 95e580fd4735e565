package io.firstbyte.bench.calls.report;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Percentiles of a set of values in milliseconds, nearest-rank (each one is a value that was
 * measured, never an interpolation); all null when nothing was measured.
 */
public record Summary(int count, @Nullable Double min, @Nullable Double p50, @Nullable Double p95, @Nullable Double p99,
                      @Nullable Double max) {

    public static final Summary EMPTY = new Summary(0, null, null, null, null, null);

    public static Summary ofMillis(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return EMPTY;
        }
        return new Summary(sorted.length, rounded(sorted[0]), rounded(percentile(sorted, 50)), rounded(percentile(sorted, 95)),
                rounded(percentile(sorted, 99)), rounded(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile of ascending values: the smallest value with at least {@code p}% of values at or below it. */
    public static double percentile(double[] ascending, double p) {
        if (ascending.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(p / 100 * ascending.length);
        return ascending[Math.max(0, Math.min(ascending.length, rank) - 1)];
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double rounded(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}
