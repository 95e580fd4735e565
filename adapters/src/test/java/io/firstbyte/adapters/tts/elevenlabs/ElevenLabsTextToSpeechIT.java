package io.firstbyte.adapters.tts.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverTextToSpeech;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.PreRenderedApology;
import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.adapters.http.Await;
import io.firstbyte.fakes.elevenlabs.FakeElevenLabsConnection;
import io.firstbyte.fakes.elevenlabs.FakeElevenLabsServer;
import io.firstbyte.fakes.voice.FakeVoice;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** ElevenLabs stream-input, against a local fake that speaks it. */
class ElevenLabsTextToSpeechIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CallContext CALL = new CallContext("call-4", "s", "+15550001111", "+15550002222", Map.of(), Map.of());

    private final FakeElevenLabsServer server = FakeElevenLabsServer.start("xi-key");
    private final ElevenLabsTextToSpeech tts = new ElevenLabsTextToSpeech(ElevenLabsConfig.of(server.baseUrl(), "xi-key", "voice-7"));
    private final TtsSession session = tts.open(CALL);

    @AfterEach
    void stop() {
        session.dispose();
        server.close();
    }

    private static Flux<Clause> clauses(String... texts) {
        return Flux.range(0, texts.length).map(i -> new Clause(i, texts[i]));
    }

    private FakeElevenLabsConnection socket(int index) {
        Await.until("socket " + index, () -> server.connections().size() > index);
        return server.connections().get(index);
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void theSocketIsOpenWithBosSentBeforeTheFirstAnswer() {
        FakeElevenLabsConnection warm = socket(0);
        Await.until("BOS received", () -> !warm.messages().isEmpty());

        assertThat(warm.messages().getFirst().path("text").asString()).isEqualTo(" ");
        assertThat(warm.messages().getFirst().path("voice_settings").path("stability").asDouble()).isEqualTo(0.5);
        assertThat(warm.query()).containsEntry("voice", "voice-7").containsEntry("output_format", "ulaw_8000")
                .containsEntry("model_id", "eleven_flash_v2_5").containsEntry("auto_mode", "true");
    }

    @Test
    void eachClauseIsFlushedAndTheAnswerEndsWithEos() {
        StepVerifier.create(session.speak(clauses("Sure,", "Tuesday works."))).thenConsumeWhile(a -> true)
                .expectComplete().verify(WAIT);

        List<JsonNode> messages = socket(0).messages();
        assertThat(messages).extracting(message -> message.path("text").asString())
                .containsExactly(" ", "Sure, ", "Tuesday works. ", "");
        assertThat(messages.get(1).path("flush").asBoolean()).isTrue();
    }

    @Test
    void alignmentTellsWhichClauseEachChunkSpeaks() {
        server.voice().bytesPerChar(80);
        List<TtsAudio> audio = session.speak(clauses("Sure,", "Tuesday works.")).collectList().block(WAIT);

        assertThat(audio).isNotNull();
        assertThat(audio).allSatisfy(chunk -> {
            for (byte b : chunk.audio()) {
                assertThat(b).as("the fake tags clause k's audio k+1").isEqualTo((byte) (chunk.clauseIndex() + 1));
            }
        });
        assertThat(audio).filteredOn(TtsAudio::lastOfClause).extracting(TtsAudio::clauseIndex).containsExactly(0, 1);
    }

    @Test
    void everyAnswerHasItsOwnSocketAndTheNextOneIsAlwaysOpenedAhead() {
        StepVerifier.create(session.speak(clauses("One."))).thenConsumeWhile(a -> true).expectComplete().verify(WAIT);
        Await.until("next socket opened ahead", () -> server.connections().size() == 2);
        StepVerifier.create(session.speak(clauses("Two."))).thenConsumeWhile(a -> true).expectComplete().verify(WAIT);

        assertThat(socket(1).messages()).extracting(message -> message.path("text").asString()).containsExactly(" ", "Two. ", "");
        Await.until("a third socket waits for the next answer", () -> server.connections().size() == 3);
    }

    @Test
    void bargeInClosesTheAnswersSocketAndItsAudioStops() {
        server.voice().chunkEvery(Duration.ofMillis(40));
        StepVerifier.create(session.speak(clauses("A long clause that takes a while to say. ".repeat(8))))
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        FakeElevenLabsConnection socket = socket(0);
        Await.until("the fake saw the socket close", socket::closedByClient);
        int sentByTheClose = socket.audioMessagesSent();
        StepVerifier.create(Flux.interval(Duration.ofMillis(200)).take(1)).expectNextCount(1).expectComplete().verify(WAIT);
        // A chunk already being made when the close arrived may still be counted (on a busy machine, after the count above).
        assertThat(socket.audioMessagesSent()).as("the fake stopped after the close").isLessThanOrEqualTo(sentByTheClose + 1);
    }

    @Test
    void anErrorMessageFailsTheAnswerClassified() {
        server.voice().mode(FakeVoice.Mode.ERROR);

        StepVerifier.create(session.speak(clauses("Hi.")))
                // The error message and the 1011 close that follows it race at the client; either says what failed.
                .expectErrorMatches(error -> category(error, ErrorCategory.SERVER)
                        && (error.getMessage().contains("internal_error") || error.getMessage().contains("1011")))
                .verify(WAIT);
    }

    @Test
    void aDroppedSocketFailsTheAnswerAfterItsAudioAndTheNextAnswerUsesAFreshOne() {
        server.voice().mode(FakeVoice.Mode.DROP_MID_STREAM);
        var dropped = socket(0);
        // The listener asks only once the provider has dropped the socket: the audio that came first still reaches it.
        StepVerifier.create(session.speak(clauses("A clause of some length.")), 0)
                .then(() -> Await.until("the provider dropped the socket", dropped::isClosed))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(1)
                .expectErrorMatches(error -> category(error, ErrorCategory.CONNECTIVITY))
                .verify(WAIT);

        server.voice().mode(FakeVoice.Mode.NORMAL);
        StepVerifier.create(session.speak(clauses("Again."))).thenConsumeWhile(a -> true).expectComplete().verify(WAIT);
    }

    @Test
    void aSilentProviderTimesOutAndTheNextVoiceSpeaksTheAnswer() {
        server.voice().mode(FakeVoice.Mode.SILENT);
        try (FakeElevenLabsServer backup = FakeElevenLabsServer.start("backup-key")) {
            GuardSettings fast = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));
            // Only the first provider is meant to time out: the backup's fresh connection gets a busy machine's time.
            GuardSettings patient = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
            FailoverTextToSpeech voices = new FailoverTextToSpeech(List.of(
                    new FailoverTextToSpeech.Voice(tts, new ProviderGuard("elevenlabs", fast, Schedulers.parallel())),
                    new FailoverTextToSpeech.Voice(new ElevenLabsTextToSpeech(ElevenLabsConfig.of(backup.baseUrl(), "backup-key", "v")),
                            new ProviderGuard("backup", patient, Schedulers.parallel()))),
                    PreRenderedApology.informationTones(), (call, error) -> { });
            TtsSession failover = voices.open(CALL);

            List<TtsAudio> audio = failover.speak(clauses("Hello there.")).collectList().block(WAIT);

            assertThat(audio).isNotNull().isNotEmpty();
            failover.dispose();
        }
    }

    @Test
    void aWrongKeyFailsTheAnswerAsAuthentication() {
        TtsSession refused = new ElevenLabsTextToSpeech(ElevenLabsConfig.of(server.baseUrl(), "wrong", "v")).open(CALL);

        StepVerifier.create(refused.speak(clauses("Hi.")))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION))
                .verify(WAIT);
        refused.dispose();
    }

    @Test
    void hangingUpClosesTheWaitingSocket() {
        FakeElevenLabsConnection warm = socket(0);
        session.dispose();

        Await.until("socket closed", warm::isClosed);
    }

    @Test
    void theConfigNeverShowsTheKey() {
        assertThat(tts.config().toString()).doesNotContain("xi-key");
    }
}
