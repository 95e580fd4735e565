package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.ServerMessage;
import io.firstbyte.bench.calls.wire.StreamIds;
import io.firstbyte.bench.calls.wire.TwilioWire;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller who backchannels during answers, and what it measures, on a hand-driven clock
 * (milliseconds from the stream start): no greeting, so the first line ("One.", 800 ms) goes out at
 * 1000…1780 ms; the answer's frames arrive one every 20 ms from 2000 ms.
 */
class BackchannelCallerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MS = 1_000_000;
    private static final long T0 = 5_000 * MS;
    private static final StreamIds IDS = new StreamIds("MZ" + "a".repeat(32), "CA" + "b".repeat(32), "AC" + "c".repeat(32));
    private static final CallerTiming TIMING = new CallerTiming(Duration.ofMillis(700), Duration.ofMillis(400),
            Duration.ofMillis(1000), Duration.ofMillis(3000), Duration.ofSeconds(20));
    private static final Backchannels MM_HM = new Backchannels(List.of("Mm-hmm."), Duration.ofMillis(200), Duration.ofMillis(360));

    private final List<String> sent = new ArrayList<>();
    private long now;

    @Test
    void theServerHearsEachBackchannelAfterTheLineWhoseAnswerItGoesInto() {
        CallerScript script = new CallerScript(List.of("One.", "Two.", "Three.", "Four."), 3);
        Backchannels words = new Backchannels(List.of("Mm-hmm.", "Okay."), Duration.ofMillis(800), Duration.ofMillis(360));

        assertThat(words.serverLines(script)).isEqualTo("One.|Mm-hmm.|Two.|Okay.|Three.|Four.");
        assertThat(words.spoken(script)).containsOnlyKeys(1, 2);
        assertThat(words.spoken(script).get(1).frameCount()).isEqualTo(18);
    }

    @Test
    void aBackchannelIsSaidWhileTheAnswerPlaysAndItsPauseAndSilenceAreMeasured() {
        CallSession call = call(List.of("One.", "Two."), 0, MM_HM);
        run(call, 0, 1_990, -1, -1);
        // the answer plays from 2000 ms, pauses after 2300 ms, goes on from 2600 ms
        run(call, 2_000, 4_000, 2_300, 2_600);

        assertThat(speechFrameTimes()).filteredOn(t -> t >= 2_000).hasSize(18).startsWith(2_200L);
        CallResult result = call.result();
        assertThat(result.backchannels()).isEmpty();
        run(call, 4_005, 5_000, -1, -1);
        assertThat(call.result().backchannels()).as("closed when the caller's next line starts")
                .containsExactly(new BackchannelResult(300 * MS, 280 * MS, true, false));
        assertThat(call.result().underruns()).as("the pause's silence is the backchannel's, no underrun").isZero();
    }

    @Test
    void aClearAfterABackchannelCutTheAgent() {
        CallSession call = call(List.of("One.", "Two."), 0, MM_HM);
        run(call, 0, 1_990, -1, -1);
        run(call, 2_000, 2_500, 2_300, Long.MAX_VALUE);
        call.onMessage(new ServerMessage.Clear(IDS.streamSid()), at(2_500));
        run(call, 2_505, 5_000, -1, -1);

        assertThat(call.result().backchannels()).singleElement().satisfies(backchannel -> {
            assertThat(backchannel.cleared()).isTrue();
            assertThat(backchannel.cut()).isTrue();
        });
    }

    @Test
    void anInterruptionIsTimedFromItsOnsetToTheEndOfTheLastAgentAudioHeard() {
        CallSession call = call(List.of("One.", "Two."), 1, Backchannels.NONE);
        run(call, 0, 1_990, -1, -1);
        // the caller starts its next line 400 ms into the answer (2400 ms); the server stops sending at 2460 ms
        run(call, 2_000, 2_600, 2_460, Long.MAX_VALUE);
        call.onMessage(new ServerMessage.Clear(IDS.streamSid()), at(2_700));
        run(call, 2_705, 3_500, -1, -1);

        assertThat(call.result().heardAfterBargeInNanos()).containsExactly(80 * MS);
    }

    /** Ticks every 5 ms from {@code from} to {@code until}; an answer frame arrives every 20 ms outside [{@code pauseAfter}, {@code resumeAt}). */
    private void run(CallSession call, long from, long until, long pauseAfter, long resumeAt) {
        for (now = from; now <= until; now += 5) {
            boolean answering = pauseAfter >= 0 && (now <= pauseAfter || now >= resumeAt);
            if (answering && now % 20 == 0) {
                call.onMessage(new ServerMessage.Media(IDS.streamSid(), 160), at(now));
            }
            call.tick(at(now));
        }
    }

    private CallSession call(List<String> lines, int bargeInTurn, Backchannels backchannels) {
        CallerScript script = new CallerScript(lines, bargeInTurn);
        CallSession call = new CallSession(SpokenScript.of(script), backchannels.spoken(script), backchannels.delay(), TIMING,
                new TwilioWire(IDS, new CallSetup("+15550001111", "+15550100100", Map.of(), "")),
                new CallSession.Outbound() {
                    @Override
                    public Sent send(WireMessage message) {
                        if (message instanceof WireMessage.Text text) {
                            sent.add(text.text());
                        }
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

    private List<Long> speechFrameTimes() {
        return sent.stream().map(JSON::readTree)
                .filter(m -> m.path("event").asString().equals("media"))
                .filter(m -> !Utterance.isSilence(Base64.getDecoder().decode(m.path("media").path("payload").asString())))
                .map(m -> Long.parseLong(m.path("media").path("timestamp").asString()))
                .toList();
    }
}
