package io.firstbyte.bench.calls.report;

import io.firstbyte.bench.calls.caller.BackchannelResult;
import io.firstbyte.bench.calls.caller.CallResult;
import java.util.List;

/**
 * Backchannels said over the agent's answers, as the callers lived them: how many, how many cut the
 * agent (cleared, or the answer never went on), the share that left the answer playing, the server's
 * pause (the gap in arriving audio) and the silence it left in the caller's playback. Milliseconds.
 */
public record BackchannelReport(int said, int cut, int cleared, int notResumed, double leftPlayingPercent,
                                Summary pauseMs, Summary silenceHeardMs) {

    public static BackchannelReport of(List<CallResult> results) {
        List<BackchannelResult> all = results.stream().flatMap(r -> r.backchannels().stream()).toList();
        int cut = (int) all.stream().filter(BackchannelResult::cut).count();
        List<BackchannelResult> resumed = all.stream().filter(b -> !b.cut()).toList();
        double leftPlaying = all.isEmpty() ? 0 : Math.round(1000.0 * (all.size() - cut) / all.size()) / 10.0;
        return new BackchannelReport(all.size(), cut, (int) all.stream().filter(BackchannelResult::cleared).count(),
                (int) all.stream().filter(b -> !b.resumed()).count(), leftPlaying,
                Summary.ofMillis(resumed.stream().map(b -> Summary.millis(b.pauseNanos())).toList()),
                Summary.ofMillis(resumed.stream().map(b -> Summary.millis(b.silenceHeardNanos())).toList()));
    }
}
