package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.ServerMessage;
import io.firstbyte.bench.calls.wire.StreamIds;
import io.firstbyte.bench.calls.wire.TwilioWire;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A caller whose line pauses mid-sentence, on a hand-driven clock (milliseconds from the stream
 * start): no greeting, so "One | two." goes out from 1000 ms: "One" (800 ms) to 1780 ms, the 500 ms
 * pause from 1800 to 2280 ms, "two." (800 ms) from 2300 to 3080 ms.
 */
class PausedLineCallerTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 5_000 * MS;
    private static final StreamIds IDS = new StreamIds("MZ" + "a".repeat(32), "CA" + "b".repeat(32), "AC" + "c".repeat(32));
    private static final CallerTiming TIMING = new CallerTiming(Duration.ofMillis(700), Duration.ofMillis(400),
            Duration.ofMillis(1000), Duration.ofMillis(3000), Duration.ofSeconds(20));
    private static final Pauses HALF_A_SECOND = new Pauses(Duration.ofMillis(500), Duration.ofMillis(500));

    @Test
    void aLineWithAPauseIsItsPartsWithSilenceBetween() {
        SpokenScript spoken = SpokenScript.of(new CallerScript(List.of("One | two.", "Three."), 0), BackgroundNoise.NONE, HALF_A_SECOND);

        assertThat(spoken.firstPauseFrame(1)).isEqualTo(40);
        assertThat(spoken.firstPauseFrame(2)).isEqualTo(-1);
        assertThat(spoken.line(1).frameCount()).isEqualTo(40 + 25 + 40);
        assertThat(spoken.line(1).frames().subList(40, 65)).allMatch(Utterance::isSilence);
        assertThat(spoken.line(1).frames().get(39)).isNotEqualTo(Utterance.silence());
        assertThat(spoken.line(1).frames().get(65)).isNotEqualTo(Utterance.silence());
    }

    @Test
    void eachCallDrawsItsPausesFromTheRange() {
        SpokenScript spoken = SpokenScript.of(new CallerScript(List.of("One | two | three."), 0), BackgroundNoise.NONE,
                new Pauses(Duration.ofMillis(400), Duration.ofMillis(700)));
        SplittableRandom random = new SplittableRandom(7);

        List<Integer> lengths = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> spoken.forCall(random).line(1).frameCount() - 3 * 40)
                .toList();

        assertThat(lengths).allMatch(frames -> frames >= 2 * 20 && frames <= 2 * 35);
        assertThat(lengths.stream().distinct().count()).as("pauses vary from call to call").isGreaterThan(5);
    }

    @Test
    void wordGapsPutSilenceBetweenTheWordsOfEachPartAndTheFirstPauseMovesWithThem() {
        Pauses twentyMillis = new Pauses(Duration.ofMillis(20), Duration.ofMillis(20));
        SpokenScript spoken = SpokenScript.of(new CallerScript(List.of("One two three four | five.", "Six seven."), 0),
                BackgroundNoise.NONE, HALF_A_SECOND, twentyMillis);

        List<byte[]> line = spoken.line(1).frames();
        // "One two three four" is 1400 ms (70 frames), its words 17.5 frames each: gaps after frames 18, 35 and 53
        assertThat(spoken.firstPauseFrame(1)).isEqualTo(70 + 3);
        assertThat(java.util.stream.IntStream.range(0, 73).filter(i -> Utterance.isSilence(line.get(i))).boxed().toList())
                .containsExactly(18, 36, 55);
        assertThat(line).hasSize(73 + 25 + 40);
        assertThat(spoken.line(2).frameCount()).as("two words, one gap").isEqualTo(40 + 1);
        assertThat(spoken.forCall(new SplittableRandom(1)).line(2).frameCount()).isEqualTo(41);
    }

    @Test
    void answerAudioDuringThePauseIsAnEarlyTurnEnd() {
        CallSession call = call(List.of("One | two.", "Three."));
        run(call, 0, 2_090, false);
        run(call, 2_100, 2_280, true);
        run(call, 2_285, 6_000, false);

        assertThat(call.result().pausedLines()).containsExactly(new PausedLineResult(1, true));
    }

    @Test
    void anAnswerAfterTheLineIsNotEarly() {
        CallSession call = call(List.of("One | two.", "Three."));
        run(call, 0, 3_590, false);
        run(call, 3_600, 4_000, true);
        run(call, 4_005, 8_000, false);

        assertThat(call.result().pausedLines()).containsExactly(new PausedLineResult(1, false));
        assertThat(call.result().turns().getFirst().answered()).isTrue();
    }

    @Test
    void linesWithoutAPauseAreNotCounted() {
        CallSession call = call(List.of("One.", "Two."));
        run(call, 0, 1_500, false);
        run(call, 1_505, 1_700, true);
        run(call, 1_705, 6_000, false);

        assertThat(call.result().pausedLines()).isEmpty();
    }

    /** Ticks every 5 ms from {@code from} to {@code until}; while {@code answering} an answer frame arrives every 20 ms. */
    private static void run(CallSession call, long from, long until, boolean answering) {
        for (long now = from; now <= until; now += 5) {
            if (answering && now % 20 == 0) {
                call.onMessage(new ServerMessage.Media(IDS.streamSid(), 160), at(now));
            }
            call.tick(at(now));
        }
    }

    private static CallSession call(List<String> lines) {
        SpokenScript spoken = SpokenScript.of(new CallerScript(lines, 0), BackgroundNoise.NONE, HALF_A_SECOND);
        CallSession call = new CallSession(spoken, TIMING,
                new TwilioWire(IDS, new CallSetup("+15550001111", "+15550100100", Map.of(), "")),
                new CallSession.Outbound() {
                    @Override
                    public Sent send(WireMessage message) {
                        return Sent.QUEUED;
                    }

                    @Override
                    public void complete() {
                    }
                });
        call.start(T0);
        return call;
    }

    private static long at(long millis) {
        return T0 + millis * MS;
    }
}
