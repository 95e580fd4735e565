package io.firstbyte.bench.calls.report;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Targets given on the command line; an unset one is not checked. A target on a value that was not measured is missed. */
public record Thresholds(@Nullable Double maxTtfbP95Ms, @Nullable Double maxTtfbP99Ms,
                         @Nullable Double maxOverheadP99Ms, @Nullable Double maxClearP95Ms,
                         @Nullable Integer maxUnderruns) {

    public static final Thresholds NONE = new Thresholds(null, null, null, null, null);

    List<String> missed(Summary ttfb, Summary overhead, Summary toClear, int underruns) {
        List<String> missed = new ArrayList<>();
        check(missed, "TTFB p95", ttfb.p95(), maxTtfbP95Ms);
        check(missed, "TTFB p99", ttfb.p99(), maxTtfbP99Ms);
        check(missed, "server overhead p99", overhead.p99(), maxOverheadP99Ms);
        check(missed, "barge-in to clear p95", toClear.p95(), maxClearP95Ms);
        if (maxUnderruns != null && underruns > maxUnderruns) {
            missed.add("underruns " + underruns + " > " + maxUnderruns);
        }
        return missed;
    }

    private static void check(List<String> missed, String name, @Nullable Double measured, @Nullable Double limit) {
        if (limit == null) {
            return;
        }
        if (measured == null) {
            missed.add(name + " not measured (limit " + limit + " ms)");
        } else if (measured > limit) {
            missed.add(name + " " + measured + " ms > " + limit + " ms");
        }
    }
}
