package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.error.CallCannotContinue;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.error.SpokenFailure;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/** A call whose providers fail for good is never dropped in silence: the caller is told, then it ends politely. */
class CallEndingTest {

    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private ScriptedTextToSpeech voice;
    private CallHarness call;

    private CallHarness newCall(Function<Scheduler, TextToSpeech> tts) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(Duration.ofMillis(200), Duration.ofMillis(10), scheduler);
            return new CallPipeline(stt, model, tts.apply(scheduler), new ToolRegistry(List.of(), Duration.ofSeconds(5)),
                    CallSettings.DEFAULTS.withGreeting("Hello, how can I help?"), scheduler);
        });
        return call.start();
    }

    private Function<Scheduler, TextToSpeech> scriptedVoice() {
        return scheduler -> voice = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
    }

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    @Test
    void aSpeechToTextFailureIsToldToTheCallerAndTheCallEndsAfterTheSentencePlayed() {
        newCall(scriptedVoice());
        call.silence(Duration.ofSeconds(3));
        int beforeFailure = call.events().size();

        stt.fail(new ProviderException("deepgram", ErrorCategory.CONNECTIVITY, "socket dropped twice"));
        call.silence(Duration.ofMillis(300));
        call.speak(Duration.ofMillis(600)).silence(Duration.ofSeconds(10));

        assertThat(String.join(" ", voice.spoken())).endsWith(SpokenFailure.CANNOT_HEAR);
        List<OutboundEvent> after = call.events().subList(beforeFailure, call.events().size());
        assertThat(after).filteredOn(AudioOut.class::isInstance).hasSizeGreaterThan(100);
        assertThat(after).as("the caller speaking cannot interrupt the last words").noneMatch(Interruption.class::isInstance);
        assertThat(after.getLast()).isEqualTo(new EndCall("speech-to-text lost"));
        assertThat(after).filteredOn(EndCall.class::isInstance).hasSize(1);
        assertLastAudioPlayedBeforeTheEnd();
    }

    @Test
    void whenNoVoiceCanAnswerTheApologyPlaysAndTheCallEnds() {
        newCall(scheduler -> apologisingVoice());
        call.silence(Duration.ofSeconds(5));

        assertThat(call.events()).filteredOn(AudioOut.class::isInstance).hasSize(50);
        assertThat(call.events().getLast()).isEqualTo(new EndCall("no speech provider could answer"));
        assertLastAudioPlayedBeforeTheEnd();
    }

    @Test
    void anOrdinarySpeechFailureOnlyEndsThatAnswer() {
        newCall(scheduler -> failingVoice());
        call.silence(Duration.ofSeconds(3));

        assertThat(call.events()).noneMatch(EndCall.class::isInstance);
    }

    /** The end comes after the last frame, with at least the pacer's lead for it to play. */
    private void assertLastAudioPlayedBeforeTheEnd() {
        List<CallHarness.Sent> sent = call.sent();
        long lastAudio = sent.stream().filter(s -> s.event() instanceof AudioOut).mapToLong(CallHarness.Sent::atMillis).max().orElseThrow();
        long end = sent.stream().filter(s -> s.event() instanceof EndCall).mapToLong(CallHarness.Sent::atMillis).findFirst().orElseThrow();
        assertThat(end - lastAudio).isGreaterThanOrEqualTo(CallSettings.DEFAULTS.pacerLead().toMillis());
    }

    /** What a failover voice does when every provider is down: one second of apology, then the call cannot continue. */
    private static TextToSpeech apologisingVoice() {
        return call -> session(clauses -> clauses.next().flatMapMany(first -> Flux.just(
                        new TtsAudio(first.index(), new byte[8000], AudioFormat.MULAW_8K, true))
                .concatWith(Flux.error(new CallCannotContinue("no speech provider could answer",
                        new ProviderException("cartesia", ErrorCategory.SERVER, "503"))))));
    }

    private static TextToSpeech failingVoice() {
        return call -> session(clauses -> clauses.next().thenMany(
                Flux.error(new ProviderException("cartesia", ErrorCategory.SERVER, "503"))));
    }

    private static TtsSession session(Function<Flux<Clause>, Flux<TtsAudio>> speak) {
        return new TtsSession() {
            private volatile boolean disposed;

            @Override
            public Flux<TtsAudio> speak(Flux<Clause> clauses) {
                return speak.apply(clauses);
            }

            @Override
            public void dispose() {
                disposed = true;
            }

            @Override
            public boolean isDisposed() {
                return disposed;
            }
        };
    }
}
