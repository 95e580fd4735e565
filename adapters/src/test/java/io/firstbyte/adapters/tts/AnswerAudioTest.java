package io.firstbyte.adapters.tts;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

class AnswerAudioTest {

    private final AnswerAudio answer = new AnswerAudio("fake");

    @Test
    void untaggedAudioGoesToTheOldestOpenClauseAndClauseDoneMarksItsEnd() {
        answer.submitted(0);
        answer.submitted(1);
        answer.audio(new byte[] {1});
        answer.clauseDone();
        answer.audio(new byte[] {2});
        answer.clauseDone();
        answer.noMoreClauses();

        StepVerifier.create(answer.flux())
                .expectNextMatches(audio -> audio.clauseIndex() == 0 && !audio.lastOfClause())
                .expectNextMatches(audio -> audio.clauseIndex() == 0 && audio.lastOfClause() && audio.audio().length == 0)
                .expectNextMatches(audio -> audio.clauseIndex() == 1 && !audio.lastOfClause())
                .expectNextMatches(audio -> audio.clauseIndex() == 1 && audio.lastOfClause())
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void theAnswerIsNotCompleteWhileAClauseIsStillOpen() {
        answer.submitted(0);
        answer.noMoreClauses();

        StepVerifier.create(answer.flux()).expectSubscription().expectNoEvent(Duration.ofMillis(50)).thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void audioForNoOpenClauseIsDroppedAndSaysSo() {
        assertThat(answer.audio(new byte[] {1})).isFalse();
        answer.submitted(3);
        assertThat(answer.audio(2, new byte[] {1})).isFalse();
        assertThat(answer.audio(3, new byte[] {1})).isTrue();
    }

    @Test
    void finishingClosesEveryOpenClauseInOrder() {
        answer.submitted(0);
        answer.submitted(1);
        answer.finished();

        StepVerifier.create(answer.flux().map(TtsAudio::clauseIndex)).expectNext(0, 1).expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void moreChunksThanTheLimitFailTheAnswerInsteadOfDroppingSpeech() {
        answer.submitted(0);
        for (int i = 0; i <= AnswerAudio.LIMIT; i++) {
            answer.audio(new byte[] {1});
        }

        StepVerifier.create(answer.flux()).expectNextCount(AnswerAudio.LIMIT).expectError(ProviderFailure.class)
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void audioReceivedBeforeADroppedSocketReachesAListenerThatAsksOnlyAfterTheDrop() {
        answer.submitted(0);

        StepVerifier.create(answer.whileSending(Mono.never()), 0)
                .then(() -> {
                    answer.audio(new byte[] {1});
                    answer.audio(new byte[] {2});
                    answer.fail(ProviderFailure.of("fake", ErrorCategory.CONNECTIVITY, "socket closed"));
                })
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(2)
                .expectErrorMatches(error -> error.getMessage().contains("socket closed"))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aFailedSendFailsTheAnswerBehindTheAudioAlreadyReceived() {
        answer.submitted(0);
        answer.audio(new byte[] {1});

        StepVerifier.create(answer.whileSending(Mono.error(ProviderFailure.of("fake", ErrorCategory.CONNECTIVITY, "socket is not open"))), 0)
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(1)
                .expectErrorMatches(error -> error.getMessage().contains("socket is not open"))
                .verify(Duration.ofSeconds(20));
        assertThat(answer.isEnded()).isTrue();
    }

    @Test
    void theAnswersEndStopsTheSending() {
        PublisherProbe<Void> sending = PublisherProbe.of(Mono.never());
        answer.submitted(0);

        StepVerifier.create(answer.whileSending(sending.mono()))
                .then(() -> answer.fail(ProviderFailure.of("fake", ErrorCategory.CONNECTIVITY, "socket closed")))
                .expectError(ProviderFailure.class)
                .verify(Duration.ofSeconds(20));
        sending.assertWasCancelled();
    }
}
