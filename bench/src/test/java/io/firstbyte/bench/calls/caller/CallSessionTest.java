package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.bench.calls.wire.GatewayWire;
import io.firstbyte.bench.calls.wire.ServerMessage;
import io.firstbyte.bench.calls.wire.StreamIds;
import io.firstbyte.bench.calls.wire.TwilioWire;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's timeline on a hand-driven clock (milliseconds from the stream start). With no
 * greeting, the first line starts at 1000 ms (the greeting wait); a one-word line is 800 ms, so
 * its 40 frames go out at 1000…1780 ms.
 */
class CallSessionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MS = 1_000_000;
    private static final long T0 = 5_000 * MS;
    private static final StreamIds IDS = new StreamIds("MZ" + "a".repeat(32), "CA" + "b".repeat(32), "AC" + "c".repeat(32));
    private static final CallerTiming TIMING = new CallerTiming(Duration.ofMillis(700), Duration.ofMillis(400),
            Duration.ofMillis(1000), Duration.ofMillis(3000), Duration.ofSeconds(20));

    private final List<String> sent = new ArrayList<>();
    private boolean completed;
    private boolean connectionClosed;
    private long now;
    private String audioSocketId = "";

    @Test
    void opensWithConnectedAndStartThenSendsAFrameEvery20Ms() {
        CallSession call = call(List.of("One."), 0);

        runUntil(call, 100);

        assertThat(events()).startsWith("connected", "start");
        assertThat(media()).hasSize(6);
        assertThat(media().get(5).path("media").path("timestamp").asString()).isEqualTo("100");
        assertThat(media().get(5).path("media").path("chunk").asString()).isEqualTo("6");
        assertThat(media().get(5).path("sequenceNumber").asString()).isEqualTo("7");
    }

    @Test
    void speaksAfterTheGreetingWaitThenSendsSilence() {
        CallSession call = call(List.of("One."), 0);

        runUntil(call, 1_900);

        assertThat(speechFrameTimes()).hasSize(40).startsWith(1_000L).endsWith(1_780L);
    }

    @Test
    void ttfbRunsFromTheLastSpeechFrameSentToTheFirstAnswerFrameReceived() {
        CallSession call = call(List.of("One.", "Two."), 0);
        runUntil(call, 1_900);

        call.onMessage(audio(5), at(2_000));
        call.onMessage(audio(5), at(2_050));

        assertThat(call.result().turns()).containsExactly(
                new TurnTiming(1, 220 * MS), new TurnTiming(2, -1));
    }

    @Test
    void speaksTheNextLineOnceTheAnswerHasPlayedAndBeenQuiet() {
        CallSession call = call(List.of("One.", "Two."), 0);
        runUntil(call, 2_000);
        call.onMessage(audio(50), at(2_000));

        runUntil(call, 3_800);

        assertThat(speechFrameTimes()).hasSize(46).element(40).isEqualTo(3_700L);
    }

    @Test
    void aCallerThatWasNotRunningDoesNotTakeItsOwnStallForTheAnswersEnd() {
        CallSession call = call(List.of("One.", "Two."), 0);
        runUntil(call, 2_000);
        call.onMessage(audio(50), at(2_000));
        runUntil(call, 2_500);

        // The caller stalls for 2.5 s; the rest of the answer waited unread and arrives once it runs again.
        now = 5_000;
        call.tick(at(now));
        call.onMessage(audio(10), at(5_010));
        runUntil(call, 6_100);

        assertThat(speechFrameTimes()).hasSizeGreaterThan(40);
        assertThat(speechFrameTimes().get(40)).as("the next line starts after the answer played and was quiet").isGreaterThanOrEqualTo(5_900L);
        assertThat(call.result().errorCounts()).isEmpty();
    }

    @Test
    void marksAreEchoedWhenTheirAudioHasPlayed() {
        CallSession call = call(List.of("One.", "Two."), 0);
        runUntil(call, 2_000);
        call.onMessage(audio(5), at(2_000));
        call.onMessage(new ServerMessage.Mark(IDS.streamSid(), "clause-1"), at(2_000));

        runUntil(call, 2_095);
        assertThat(events()).doesNotContain("mark");
        runUntil(call, 2_100);

        JsonNode echo = messages().stream().filter(m -> m.path("event").asString().equals("mark")).findFirst().orElseThrow();
        assertThat(echo.path("mark").path("name").asString()).isEqualTo("clause-1");
        assertThat(echo.path("streamSid").asString()).isEqualTo(IDS.streamSid());
    }

    @Test
    void bargeInMeasuresTimeToClearAndCountsAudioThatLeaksAfterIt() {
        CallSession call = call(List.of("One.", "Two."), 1);
        runUntil(call, 1_900);
        call.onMessage(audio(100), at(1_900));
        call.onMessage(new ServerMessage.Mark(IDS.streamSid(), "answer-1"), at(1_900));

        runUntil(call, 2_300);
        assertThat(speechFrameTimes()).hasSize(41).last().isEqualTo(2_300L);
        call.onMessage(new ServerMessage.Clear(IDS.streamSid()), at(2_450));
        call.onMessage(audio(1), at(2_500));
        runUntil(call, 3_200);
        call.onMessage(audio(1), at(3_200));

        CallResult result = call.result();
        assertThat(events()).contains("mark");
        assertThat(result.bargeIns()).isEqualTo(1);
        assertThat(result.bargeInToClearNanos()).containsExactly(150 * MS);
        assertThat(result.audioAfterClear()).isEqualTo(1);
        assertThat(result.turns().get(1)).isEqualTo(new TurnTiming(2, 120 * MS));
    }

    @Test
    void interruptingPlayingAudioWithoutAClearIsAnError() {
        CallSession call = call(List.of("One.", "Two."), 1);
        runUntil(call, 1_900);
        call.onMessage(audio(100), at(1_900));

        runUntil(call, 3_200);
        call.onMessage(audio(5), at(3_200));
        runUntil(call, 4_800);

        assertThat(events()).last().isEqualTo("stop");

        assertThat(call.result().errorCounts()).containsEntry(ErrorKind.MISSED_CLEAR, 1);
        assertThat(call.result().errorDetails()).containsExactly(
                "missed-clear: no clear after the caller interrupted the answer to turn 1");
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeoutAndTheCallerGoesOn() {
        CallSession call = call(List.of("One.", "Two."), 0);

        runUntil(call, 1_780 + 3_000);

        assertThat(call.result().errorCounts()).containsEntry(ErrorKind.TIMEOUT, 1);
        assertThat(speechFrameTimes()).hasSize(41);
    }

    @Test
    void sendsStopAfterTheLastAnswerAndCompletes() {
        CallSession call = call(List.of("One."), 0);
        runUntil(call, 2_000);
        call.onMessage(audio(5), at(2_000));

        runUntil(call, 3_000);

        assertThat(events()).last().isEqualTo("stop");
        assertThat(completed).isTrue();
        assertThat(call.result().completed()).isTrue();
        assertThat(call.result().errors()).isZero();
    }

    @Test
    void aCloseBeforeStopIsAnUnexpectedClose() {
        CallSession call = call(List.of("One."), 0);
        runUntil(call, 500);

        call.closed();

        assertThat(call.result().errorCounts()).containsEntry(ErrorKind.UNEXPECTED_CLOSE, 1);
        assertThat(completed).isTrue();
        assertThat(call.result().completed()).isFalse();
    }

    @Test
    void aSendRefusedBecauseTheServerClosedTheConnectionIsAnUnexpectedCloseNotAFullQueue() {
        CallSession call = call(List.of("One."), 0);
        runUntil(call, 500);

        connectionClosed = true;
        runUntil(call, 600);
        call.closed();

        assertThat(call.result().errorCounts()).containsOnlyKeys(ErrorKind.UNEXPECTED_CLOSE).containsEntry(ErrorKind.UNEXPECTED_CLOSE, 1);
        assertThat(completed).isTrue();
        assertThat(call.result().completed()).isFalse();
    }

    @Test
    void messagesForAnotherStreamAreProtocolErrorsAndIgnored() {
        CallSession call = call(List.of("One."), 0);
        runUntil(call, 100);

        call.onMessage(new ServerMessage.Media("MZ-other", 160), at(100));

        assertThat(call.result().errorCounts()).containsEntry(ErrorKind.PROTOCOL, 1);
    }

    @Test
    void withoutAClearTheServerStoppingToSendIsTheClearTimedWhenItsAudioHasPlayed() {
        CallSession call = audioSocketCall(List.of("One.", "Two."), 1);
        runUntil(call, 1_895);
        answerEvery20Ms(call, 1_900, 2_440, 3_100);
        call.onMessage(slin(5), at(3_200));

        CallResult result = call.result();
        assertThat(result.bargeIns()).isEqualTo(1);
        assertThat(result.bargeInToClearNanos()).as("interrupted at 2300, the last frame plays until 2460").containsExactly(160 * MS);
        assertThat(result.audioAfterClear()).isZero();
        assertThat(result.turns().get(1)).isEqualTo(new TurnTiming(2, 120 * MS));
        assertThat(result.underruns()).as("the next answer is not the interrupted one running dry").isZero();
        runUntil(call, 4_800);
        assertThat(call.result().errorCounts()).doesNotContainKey(ErrorKind.MISSED_CLEAR);
    }

    @Test
    void withoutAClearAnAnswerThatKeepsComingWhileTheCallerSpeaksIsAMissedClear() {
        CallSession call = audioSocketCall(List.of("One.", "Two."), 1);
        runUntil(call, 1_895);
        answerEvery20Ms(call, 1_900, 3_100, 3_100);
        runUntil(call, 4_800);

        assertThat(call.result().bargeInToClearNanos()).isEmpty();
        assertThat(call.result().errorCounts()).containsEntry(ErrorKind.MISSED_CLEAR, 1);
    }

    /** Ticks from {@code from} to {@code until}, one 20 ms slin frame arriving every 20 ms up to {@code lastAudio}. */
    private void answerEvery20Ms(CallSession call, long from, long lastAudio, long until) {
        for (now = from; now <= until; now += 5) {
            if (now <= lastAudio && now % 20 == 0) {
                call.onMessage(slin(1), at(now));
            }
            call.tick(at(now));
        }
    }

    private ServerMessage slin(int frames) {
        return new ServerMessage.Media(audioSocketId, frames * 160);
    }

    private CallSession audioSocketCall(List<String> lines, int bargeInTurn) {
        GatewayWire wire = Gateway.AUDIOSOCKET.wire(new CallSetup("+15550001111", "+15550100100", Map.of(), ""), new SplittableRandom(3));
        audioSocketId = wire.streamId();
        return call(lines, bargeInTurn, wire);
    }

    private CallSession call(List<String> lines, int bargeInTurn) {
        return call(lines, bargeInTurn, new TwilioWire(IDS, new CallSetup("+15550001111", "+15550100100", Map.of(), "")));
    }

    private CallSession call(List<String> lines, int bargeInTurn, GatewayWire wire) {
        SpokenScript script = SpokenScript.of(new CallerScript(lines, bargeInTurn));
        CallSession call = new CallSession(script, TIMING, wire,
                new CallSession.Outbound() {
                    @Override
                    public Sent send(WireMessage message) {
                        if (connectionClosed) {
                            return Sent.CONNECTION_CLOSED;
                        }
                        if (message instanceof WireMessage.Text text) {
                            sent.add(text.text());
                        }
                        return Sent.QUEUED;
                    }

                    @Override
                    public void complete() {
                        completed = true;
                    }
                });
        call.start(T0);
        now = 0;
        return call;
    }

    private void runUntil(CallSession call, long millis) {
        for (; now <= millis; now += 5) {
            call.tick(at(now));
        }
    }

    private static long at(long millis) {
        return T0 + millis * MS;
    }

    private static ServerMessage audio(int frames) {
        return new ServerMessage.Media(IDS.streamSid(), frames * 160);
    }

    private List<JsonNode> messages() {
        return sent.stream().map(JSON::readTree).toList();
    }

    private List<String> events() {
        return messages().stream().map(m -> m.path("event").asString()).toList();
    }

    private List<JsonNode> media() {
        return messages().stream().filter(m -> m.path("event").asString().equals("media")).toList();
    }

    private List<Long> speechFrameTimes() {
        return media().stream()
                .filter(m -> !Utterance.isSilence(Base64.getDecoder().decode(m.path("media").path("payload").asString())))
                .map(m -> Long.parseLong(m.path("media").path("timestamp").asString()))
                .toList();
    }
}
