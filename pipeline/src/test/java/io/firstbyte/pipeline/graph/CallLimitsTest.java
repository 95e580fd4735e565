package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.control.CallLimits;
import io.firstbyte.pipeline.control.LimitWords;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A call ends by itself when its caller vanished without closing (no frame at all for the silence
 * timeout) and when it reached its maximum length (after telling the caller), releasing everything.
 */
class CallLimitsTest {

    private static final CallLimits LIMITS = new CallLimits(Duration.ofSeconds(15), Duration.ofMinutes(5));

    private ScriptedSpeechToText stt;
    private ScriptedTextToSpeech voice;
    private CallHarness call;

    private CallHarness newCall(CallLimits limits) {
        return newCall(limits, null);
    }

    private CallHarness newCall(CallLimits limits, TextToSpeech tts) {
        return newCall(limits, tts, Map.of());
    }

    private CallHarness newCall(CallLimits limits, TextToSpeech tts, Map<String, Object> attributes) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            voice = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
            return new CallPipeline(stt, new ScriptedLanguageModel(Duration.ofMillis(200), Duration.ofMillis(10), scheduler),
                    tts == null ? voice : tts, new ToolRegistry(List.of(), Duration.ofSeconds(5)),
                    CallSettings.DEFAULTS.withGreeting("Hello, how can I help?"), limits, scheduler);
        });
        return call.start(attributes);
    }

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    @Test
    void aCallerWhoVanishesWithoutClosingIsHungUpAfterTheSilenceTimeoutAndEverythingIsReleased() {
        newCall(LIMITS).silence(Duration.ofSeconds(3));
        long lastFrameAt = call.nowMillis() - 20;
        assertThat(stt.openSessions()).isOne();

        call.deadLine(Duration.ofMillis(lastFrameAt + 15_000 - 1 - call.nowMillis()));
        assertThat(call.events()).as("still within the timeout").noneMatch(EndCall.class::isInstance);
        call.deadLine(Duration.ofMillis(1));

        assertThat(call.events().getLast()).isEqualTo(new EndCall(CallLimit.INBOUND_SILENCE.reason()));
        assertThat(call.sent().getLast().atMillis()).isEqualTo(lastFrameAt + 15_000);
        assertThat(call.completed()).isTrue();
        assertThat(stt.openSessions()).as("speech-to-text session").isZero();
        assertThat(voice.openSessions()).as("text-to-speech session").isZero();
        int events = call.events().size();
        call.deadLine(Duration.ofHours(1));
        assertThat(call.events()).as("no timer outlives the call").hasSize(events);
    }

    @Test
    void quietAudioFramesKeepTheCall() {
        newCall(LIMITS).silence(Duration.ofMinutes(4));

        assertThat(call.completed()).isFalse();
        assertThat(call.events()).noneMatch(EndCall.class::isInstance);
    }

    @Test
    void atTheMaximumLengthTheCallerHearsAGoodbyeAndThenTheCallEnds() {
        newCall(LIMITS).silence(Duration.ofMinutes(5));
        int beforeLimit = call.events().size();

        call.silence(Duration.ofSeconds(10));

        assertThat(String.join(" ", voice.spoken())).endsWith(CallLimit.MAX_DURATION.goodbye());
        assertThat(call.events().subList(beforeLimit, call.events().size())).filteredOn(AudioOut.class::isInstance)
                .as("the goodbye was played").hasSizeGreaterThan(100);
        assertThat(call.events().getLast()).isEqualTo(new EndCall(CallLimit.MAX_DURATION.reason()));
        assertThat(call.events()).filteredOn(EndCall.class::isInstance).hasSize(1);
        assertThat(call.completed()).isTrue();
        assertThat(stt.openSessions()).isZero();
        assertThat(voice.openSessions()).isZero();
    }

    @Test
    void aCallWithItsOwnLimitWordsHearsTheGoodbyeInItsLanguage() {
        LimitWords german = new LimitWords("Wir haben die maximale Gesprächsdauer erreicht. Auf Wiederhören.", "Wartung. Tschüss.");
        newCall(LIMITS, null, Map.of(LimitWords.ATTRIBUTE, german)).silence(Duration.ofMinutes(5));

        call.silence(Duration.ofSeconds(10));

        assertThat(String.join(" ", voice.spoken())).endsWith(german.maxDuration()).doesNotContain(CallLimit.MAX_DURATION.goodbye());
        assertThat(call.events().getLast()).isEqualTo(new EndCall(CallLimit.MAX_DURATION.reason()));
    }

    @Test
    void anEndRequestedFromOutsideIsSaidAsAGoodbyeAndEndsTheCallWithItsReason() {
        newCall(LIMITS).silence(Duration.ofSeconds(20));
        int before = call.events().size();

        call.endRequested(CallLimit.DRAIN).silence(Duration.ofSeconds(10));

        assertThat(String.join(" ", voice.spoken())).endsWith(CallLimit.DRAIN.goodbye());
        assertThat(call.events().subList(before, call.events().size())).filteredOn(AudioOut.class::isInstance)
                .as("the goodbye was played").hasSizeGreaterThan(100);
        assertThat(call.events().getLast()).isEqualTo(new EndCall("drain"));
        assertThat(call.completed()).isTrue();
        assertThat(stt.openSessions()).isZero();
        assertThat(voice.openSessions()).isZero();
    }

    @Test
    void aGoodbyeThatCannotBeSaidStillEndsTheCallAfterItsGrace() {
        AtomicBoolean disposed = new AtomicBoolean();
        newCall(LIMITS, context -> new TtsSession() {
            @Override
            public Flux<io.firstbyte.pipeline.event.TtsAudio> speak(Flux<io.firstbyte.pipeline.tts.Clause> clauses) {
                return Flux.never();
            }

            @Override
            public void dispose() {
                disposed.set(true);
            }

            @Override
            public boolean isDisposed() {
                return disposed.get();
            }
        }).silence(Duration.ofMinutes(5));

        call.silence(CallLimit.GOODBYE_GRACE.minusMillis(20));
        assertThat(call.completed()).isFalse();
        call.silence(Duration.ofMillis(40));

        assertThat(call.events().getLast()).isEqualTo(new EndCall(CallLimit.MAX_DURATION.reason()));
        assertThat(call.completed()).isTrue();
        assertThat(disposed).isTrue();
    }

    @Test
    void limitsSwitchedOffNeverEndTheCall() {
        newCall(CallLimits.NONE).silence(Duration.ofSeconds(3)).deadLine(Duration.ofHours(2));

        assertThat(call.completed()).isFalse();
    }
}
