package io.firstbyte.bench.booking;

import java.util.Arrays;

/** Percentiles of one run's request latencies (microseconds in, milliseconds out). */
public record LatencyStats(String scenario, int concurrency, int requests, int errors, double seconds,
                           double p50, double p95, double p99, double max) {

    public static LatencyStats of(String scenario, int concurrency, long[] micros, int errors, double seconds) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new LatencyStats(scenario, concurrency, sorted.length, errors, seconds, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
    }

    public double throughput() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    private static double pct(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }
}
