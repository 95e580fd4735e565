package io.firstbyte.adapters.tts.deepgram;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.guard.FailoverTextToSpeech;
import io.firstbyte.adapters.guard.GuardSettings;
import io.firstbyte.adapters.guard.PreRenderedApology;
import io.firstbyte.adapters.guard.ProviderGuard;
import io.firstbyte.adapters.http.Await;
import io.firstbyte.fakes.aura.FakeAuraConnection;
import io.firstbyte.fakes.aura.FakeAuraServer;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Deepgram Aura's speak protocol, against a local fake that speaks it. */
class AuraTextToSpeechIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final CallContext CALL = new CallContext("call-5", "s", "+15550001111", "+15550002222", Map.of(), Map.of());

    private final FakeAuraServer server = FakeAuraServer.start("aura-key");
    private final AuraTextToSpeech tts = new AuraTextToSpeech(AuraConfig.of(server.url(), "aura-key"));
    private final TtsSession session = tts.open(CALL);

    @AfterEach
    void stop() {
        session.dispose();
        server.close();
    }

    private static Flux<Clause> clauses(String... texts) {
        return Flux.range(0, texts.length).map(i -> new Clause(i, texts[i]));
    }

    private FakeAuraConnection socket(int index) {
        Await.until("socket " + index, () -> server.connections().size() > index);
        return server.connections().get(index);
    }

    private static boolean category(Throwable error, ErrorCategory expected) {
        return error instanceof ProviderException provider && provider.category() == expected;
    }

    @Test
    void eachClauseIsSpokenThenFlushedOnASocketAskingForMulawAt8k() {
        StepVerifier.create(session.speak(clauses("Sure,", "Tuesday works."))).thenConsumeWhile(a -> true)
                .expectComplete().verify(WAIT);

        assertThat(socket(0).query()).containsEntry("model", "aura-2-thalia-en").containsEntry("encoding", "mulaw")
                .containsEntry("sample_rate", "8000");
        assertThat(socket(0).messages()).containsExactly("{\"type\":\"Speak\",\"text\":\"Sure,\"}", "{\"type\":\"Flush\"}",
                "{\"type\":\"Speak\",\"text\":\"Tuesday works.\"}", "{\"type\":\"Flush\"}");
    }

    @Test
    void audioBelongsToTheOldestUnflushedClauseAndFlushedEndsIt() {
        List<TtsAudio> audio = session.speak(clauses("Sure,", "Tuesday works.")).collectList().block(WAIT);

        assertThat(audio).isNotNull();
        assertThat(audio).allSatisfy(chunk -> {
            for (byte b : chunk.audio()) {
                assertThat(b).isEqualTo((byte) (chunk.clauseIndex() + 1));
            }
        });
        assertThat(audio.stream().filter(chunk -> chunk.clauseIndex() == 1).mapToInt(chunk -> chunk.audio().length).sum())
                .isEqualTo(14 * 40);
        assertThat(audio).filteredOn(TtsAudio::lastOfClause).extracting(TtsAudio::clauseIndex).containsExactly(0, 1);
    }

    @Test
    void bargeInSendsClearAndNothingOfTheInterruptedAnswerReachesTheNextOne() {
        server.voice().chunkEvery(Duration.ofMillis(40));
        StepVerifier.create(session.speak(clauses("A long clause that takes a while to say. ".repeat(8))))
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        List<TtsAudio> next = new CopyOnWriteArrayList<>();
        server.voice().chunkEvery(Duration.ZERO);
        StepVerifier.create(session.speak(Flux.just(new Clause(0, "Yes?")))).recordWith(() -> next)
                .thenConsumeWhile(a -> true).expectComplete().verify(WAIT);

        assertThat(socket(0).messages()).contains("{\"type\":\"Clear\"}");
        assertThat(next).allSatisfy(chunk -> {
            for (byte b : chunk.audio()) {
                assertThat(b).as("only the new answer's audio (its first flush is the fake's second)").isEqualTo((byte) 2);
            }
        });
        assertThat(next.stream().mapToInt(chunk -> chunk.audio().length).sum()).isEqualTo(4 * 40);
        Await.until("late frame dropped", () -> ((AuraSession) session).lateFramesDropped() >= 1);
    }

    @Test
    void anErrorCloseFailsTheAnswerClassified() {
        server.voice().mode(FakeVoice.Mode.ERROR);

        StepVerifier.create(session.speak(clauses("Hi.")))
                .expectErrorMatches(error -> category(error, ErrorCategory.SERVER) && error.getMessage().contains("NET-0000"))
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
        try (FakeAuraServer backup = FakeAuraServer.start("backup-key")) {
            GuardSettings fast = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));
            // Only the first provider is meant to time out: the backup's fresh connection gets a busy machine's time.
            GuardSettings patient = GuardSettings.SPEECH_DEFAULTS.withRetries(0).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
            FailoverTextToSpeech voices = new FailoverTextToSpeech(List.of(
                    new FailoverTextToSpeech.Voice(tts, new ProviderGuard("aura", fast, Schedulers.parallel())),
                    new FailoverTextToSpeech.Voice(new AuraTextToSpeech(AuraConfig.of(backup.url(), "backup-key")),
                            new ProviderGuard("backup", patient, Schedulers.parallel()))),
                    PreRenderedApology.informationTones(), (call, error) -> { });
            TtsSession failover = voices.open(CALL);

            List<TtsAudio> audio = failover.speak(clauses("Hello there.")).collectList().block(WAIT);

            assertThat(audio).isNotNull().isNotEmpty();
            assertThat(backup.connections()).hasSize(1);
            failover.dispose();
        }
    }

    @Test
    void aWrongKeyFailsTheAnswerAsAuthentication() {
        TtsSession refused = new AuraTextToSpeech(AuraConfig.of(server.url(), "wrong")).open(CALL);

        StepVerifier.create(refused.speak(clauses("Hi.")))
                .expectErrorMatches(error -> category(error, ErrorCategory.AUTHENTICATION))
                .verify(WAIT);
        refused.dispose();
    }

    @Test
    void hangingUpSendsCloseAndClosesTheSocket() {
        FakeAuraConnection socket = socket(0);
        session.dispose();

        Await.until("socket closed", socket::isClosed);
        assertThat(socket.messages()).containsExactly("{\"type\":\"Close\"}");
    }

    @Test
    void theConfigNeverShowsTheKey() {
        assertThat(tts.config().toString()).doesNotContain("aura-key");
    }
}
