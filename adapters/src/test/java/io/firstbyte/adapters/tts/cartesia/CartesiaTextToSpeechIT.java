package io.firstbyte.adapters.tts.cartesia;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverTextToSpeech;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.PreRenderedApology;
import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.adapters.http.Await;
import io.firstbyte.fakes.cartesia.FakeCartesiaConnection;
import io.firstbyte.fakes.cartesia.FakeCartesiaServer;
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

/** Cartesia's WebSocket protocol, against a local fake that speaks it. */
class CartesiaTextToSpeechIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CallContext CALL = new CallContext("call-9", "s", "+15550001111", "+15550002222", Map.of(), Map.of());

    private final FakeCartesiaServer server = FakeCartesiaServer.start("cartesia-key");
    private final CartesiaTextToSpeech tts = new CartesiaTextToSpeech(CartesiaConfig.of(server.url(), "cartesia-key", "voice-1"));
    private final TtsSession session = tts.open(CALL);

    @AfterEach
    void stop() {
        session.dispose();
        server.close();
    }

    private static Flux<Clause> clauses(String... texts) {
        return Flux.range(0, texts.length).map(i -> new Clause(i, texts[i]));
    }

    private FakeCartesiaConnection socket(int index) {
        Await.until("socket " + index, () -> server.connections().size() > index);
        return server.connections().get(index);
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void eachClauseGoesOutInOneContextWithContinueThenAFlushAndTheAnswerEndsWithContinueFalse() {
        StepVerifier.create(session.speak(clauses("Sure,", "Tuesday works."))).thenConsumeWhile(audio -> true)
                .expectComplete().verify(WAIT);

        List<JsonNode> requests = socket(0).requests();
        assertThat(requests).hasSize(5);
        JsonNode first = requests.getFirst();
        assertThat(first.path("transcript").asString()).isEqualTo("Sure, ");
        assertThat(first.path("continue").asBoolean()).isTrue();
        assertThat(first.path("model_id").asString()).isEqualTo("sonic-2");
        assertThat(first.path("voice").path("id").asString()).isEqualTo("voice-1");
        assertThat(first.path("output_format").path("encoding").asString()).isEqualTo("pcm_mulaw");
        assertThat(first.path("output_format").path("sample_rate").asInt()).isEqualTo(8000);
        assertThat(requests.get(1).path("flush").asBoolean()).isTrue();
        assertThat(requests.get(1).path("transcript").asString()).isEmpty();
        assertThat(requests.get(4).path("continue").asBoolean()).isFalse();
        assertThat(requests).extracting(request -> request.path("context_id").asString()).containsOnly("call-9-a1");
    }

    @Test
    void audioCarriesItsClauseAndEachClauseEndsWithALastChunk() {
        List<TtsAudio> audio = session.speak(clauses("Sure,", "Tuesday works.")).collectList().block(WAIT);

        assertThat(audio).isNotNull();
        assertThat(audio.stream().filter(chunk -> chunk.clauseIndex() == 0).mapToInt(chunk -> chunk.audio().length).sum())
                .isEqualTo(5 * 40);
        assertThat(audio.stream().filter(chunk -> chunk.clauseIndex() == 1).mapToInt(chunk -> chunk.audio().length).sum())
                .isEqualTo(14 * 40);
        assertThat(audio).allSatisfy(chunk -> {
            for (byte b : chunk.audio()) {
                assertThat(b).as("flush id %d is clause %d", b, chunk.clauseIndex()).isEqualTo((byte) (chunk.clauseIndex() + 1));
            }
        });
        assertThat(audio).filteredOn(TtsAudio::lastOfClause).extracting(TtsAudio::clauseIndex).containsExactly(0, 1);
        assertThat(audio.getLast().lastOfClause()).isTrue();
    }

    @Test
    void theAnswersOfOneCallShareItsWarmSocketEachInItsOwnContext() {
        socket(0);
        StepVerifier.create(session.speak(clauses("One."))).thenConsumeWhile(a -> true).expectComplete().verify(WAIT);
        StepVerifier.create(session.speak(clauses("Two."))).thenConsumeWhile(a -> true).expectComplete().verify(WAIT);

        assertThat(server.connections()).hasSize(1);
        assertThat(socket(0).requests()).extracting(request -> request.path("context_id").asString())
                .containsOnly("call-9-a1", "call-9-a2");
    }

    @Test
    void bargeInCancelsTheContextAndItsLateAudioNeverReachesTheCaller() {
        server.voice().chunkEvery(Duration.ofMillis(40));

        StepVerifier.create(session.speak(clauses("A long clause that takes a while to say. ".repeat(8))))
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        FakeCartesiaConnection socket = socket(0);
        Await.until("cancel received", () -> socket.cancelledContexts().contains("call-9-a1"));
        int sentByTheCancel = socket.chunksSent();
        Await.until("late chunk dropped", () -> ((CartesiaSession) session).lateMessagesDropped() >= 1);
        StepVerifier.create(Flux.interval(Duration.ofMillis(200)).take(1)).expectNextCount(1).expectComplete().verify(WAIT);
        // A chunk already on its way when the cancel arrived may still come (on a busy machine, after the count above).
        assertThat(socket.chunksSent()).as("the fake stopped after the cancel").isLessThanOrEqualTo(sentByTheCancel + 1);
    }

    @Test
    void anErrorMessageFailsTheAnswerClassified() {
        server.voice().mode(FakeVoice.Mode.ERROR);

        StepVerifier.create(session.speak(clauses("Hi.")))
                .expectErrorMatches(error -> category(error, ErrorCategory.SERVER) && error.getMessage().contains("internal_error"))
                .verify(WAIT);
    }

    @Test
    void aDroppedSocketFailsTheAnswerAfterItsAudioAndTheNextAnswerReconnects() {
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
        assertThat(server.connections()).hasSize(2);
    }

    @Test
    void aSilentProviderTimesOutAndTheNextVoiceSpeaksTheAnswer() {
        server.voice().mode(FakeVoice.Mode.SILENT);
        try (FakeCartesiaServer backup = FakeCartesiaServer.start("backup-key")) {
            GuardSettings fast = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));
            // Only the first provider is meant to time out: the backup's fresh connection gets a busy machine's time.
            GuardSettings patient = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
            FailoverTextToSpeech voices = new FailoverTextToSpeech(List.of(
                    new FailoverTextToSpeech.Voice(tts, new ProviderGuard("cartesia", fast, Schedulers.parallel())),
                    new FailoverTextToSpeech.Voice(new CartesiaTextToSpeech(CartesiaConfig.of(backup.url(), "backup-key", "v")),
                            new ProviderGuard("backup", patient, Schedulers.parallel()))),
                    PreRenderedApology.informationTones(), (call, error) -> { });
            TtsSession failover = voices.open(CALL);

            List<TtsAudio> audio = failover.speak(clauses("Hello there.")).collectList().block(WAIT);

            assertThat(audio).isNotNull().isNotEmpty();
            assertThat(backup.connections()).hasSize(1);
            Await.until("the stuck provider is told to stop", () -> server.connections().stream()
                    .anyMatch(connection -> !connection.cancelledContexts().isEmpty()));
            failover.dispose();
        }
    }

    @Test
    void aWrongKeyFailsTheAnswerAsAuthentication() {
        TtsSession refused = new CartesiaTextToSpeech(CartesiaConfig.of(server.url(), "wrong", "v")).open(CALL);

        StepVerifier.create(refused.speak(clauses("Hi.")))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION))
                .verify(WAIT);
        refused.dispose();
    }

    @Test
    void hangingUpClosesTheSocket() {
        FakeCartesiaConnection socket = socket(0);
        session.dispose();

        Await.until("socket closed", socket::isClosed);
    }

    @Test
    void theApologyCanBeRenderedOnceAtStartUpByAHealthyVoice() {
        StepVerifier.create(PreRenderedApology.render(tts, "Sorry, goodbye.", WAIT))
                .assertNext(apology -> assertThat(apology.mulaw()).hasSize(15 * 40))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theConfigNeverShowsTheKey() {
        assertThat(tts.config().toString()).doesNotContain("cartesia-key");
    }
}
