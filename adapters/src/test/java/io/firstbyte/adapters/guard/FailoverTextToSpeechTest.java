package io.firstbyte.adapters.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.CallCannotContinue;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class FailoverTextToSpeechTest {

    private static final CallContext CALL = new CallContext("c1", "s1", "+15550001111", "+15550002222", Map.of(), Map.of());
    private static final GuardSettings SETTINGS = GuardSettings.SPEECH_DEFAULTS.withRetries(0)
            .withTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(2));

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final List<String> apologies = new CopyOnWriteArrayList<>();
    private final PreRenderedApology apology = PreRenderedApology.recorded("test", new byte[] {42, 42});
    private final AtomicInteger clauseSubscriptions = new AtomicInteger();

    private FailoverTextToSpeech.Voice voice(String name, TestVoice tts) {
        return new FailoverTextToSpeech.Voice(tts, new ProviderGuard(name, SETTINGS, time));
    }

    private TtsSession session(TestVoice... voices) {
        List<FailoverTextToSpeech.Voice> list = new java.util.ArrayList<>();
        for (int i = 0; i < voices.length; i++) {
            list.add(voice("voice" + i, voices[i]));
        }
        return new FailoverTextToSpeech(list, apology, (call, error) -> apologies.add(call.callId())).open(CALL);
    }

    private Flux<Clause> clauses(Duration firstAfter, String... texts) {
        Flux<Clause> all = Flux.range(0, texts.length).map(i -> new Clause(i, texts[i]));
        return all.delaySubscription(firstAfter, time).doOnSubscribe(s -> clauseSubscriptions.incrementAndGet());
    }

    @Test
    void firstAudioIsDueFromTheFirstClauseNotFromTheStartOfTheAnswer() {
        TestVoice primary = TestVoice.speaking(Duration.ofMillis(100), time);
        TtsSession session = session(primary, TestVoice.speaking(Duration.ZERO, time));

        StepVerifier.withVirtualTime(() -> session.speak(clauses(Duration.ofSeconds(10), "Sure.")), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(11))
                .expectNextCount(2)
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(primary.spoken).containsExactly("Sure.");
    }

    @Test
    void aSilentProviderIsReplacedByTheNextWhichSpeaksTheSameClauses() {
        TestVoice silent = TestVoice.silent();
        TestVoice backup = TestVoice.speaking(Duration.ofMillis(50), time);
        TtsSession session = session(silent, backup);

        StepVerifier.withVirtualTime(() -> session.speak(clauses(Duration.ZERO, "Sure. ", "Tuesday works.")),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1500))
                .thenAwait(Duration.ofMillis(50))
                .expectNextMatches(audio -> audio.clauseIndex() == 0)
                .thenAwait(Duration.ofMillis(100))
                .expectNextCount(3)
                .expectComplete().verify(Duration.ofSeconds(20));
        assertThat(backup.spoken).containsExactly("Sure. ", "Tuesday works.");
        assertThat(silent.cancelled).hasValue(1);
        assertThat(clauseSubscriptions).as("the model's clauses are produced once").hasValue(1);
    }

    @Test
    void waitingForTheNextClauseIsNotAGap() {
        TestVoice primary = TestVoice.speaking(Duration.ZERO, time);
        TtsSession session = session(primary);
        Flux<Clause> slowModel = Flux.concat(Flux.just(new Clause(0, "One moment. ")),
                Flux.just(new Clause(1, "Tuesday works.")).delaySubscription(Duration.ofSeconds(8), time));

        StepVerifier.withVirtualTime(() -> session.speak(slowModel), () -> time, Long.MAX_VALUE)
                .expectNextCount(2)
                .thenAwait(Duration.ofSeconds(8))
                .expectNextCount(2)
                .expectComplete().verify(Duration.ofSeconds(20));
    }

    @Test
    void whenEveryProviderFailsTheCallerHearsTheApologyAndTheListenerIsTold() {
        TtsSession session = session(TestVoice.failing(ProviderFailure.of("a", ErrorCategory.SERVER, "503")), TestVoice.silent());

        StepVerifier.withVirtualTime(() -> session.speak(clauses(Duration.ZERO, "Sure.")), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(2))
                .assertNext(audio -> {
                    assertThat(audio.audio()).containsExactly(42, 42);
                    assertThat(audio.lastOfClause()).isTrue();
                })
                .expectError(CallCannotContinue.class).verify(Duration.ofSeconds(20));
        assertThat(apologies).containsExactly("c1");
    }

    @Test
    void aFailureAfterAudioWasHeardEndsTheAnswerWithoutFailover() {
        TestVoice breaks = TestVoice.speaking(Duration.ZERO, time);
        TestVoice backup = TestVoice.speaking(Duration.ZERO, time);
        TtsSession session = session(breaks, backup);
        Flux<Clause> clauses = Flux.concat(Flux.just(new Clause(0, "Sure.")),
                Flux.error(ProviderFailure.of("model", ErrorCategory.CONNECTIVITY, "reset")));

        StepVerifier.withVirtualTime(() -> session.speak(clauses), () -> time, Long.MAX_VALUE)
                .expectNextCount(2)
                .expectError(ProviderFailure.class)
                .verify(Duration.ofSeconds(20));
        assertThat(backup.spoken).isEmpty();
        assertThat(apologies).isEmpty();
    }

    @Test
    void bargeInCancelsTheProviderAndTheClausesUpstream() {
        TestVoice silent = TestVoice.silent();
        TtsSession session = session(silent);
        AtomicInteger modelCancelled = new AtomicInteger();
        Flux<Clause> model = Flux.concat(Flux.just(new Clause(0, "Sure.")), Flux.<Clause>never())
                .doOnCancel(modelCancelled::incrementAndGet);

        StepVerifier.withVirtualTime(() -> session.speak(model), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofMillis(500))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
        assertThat(silent.cancelled).hasValue(1);
        assertThat(modelCancelled).hasValue(1);
    }

    @Test
    void onlyTheFirstProviderIsOpenedAtCallStartAndHangUpDisposesEveryOpenedOne() {
        TestVoice primary = TestVoice.failing(ProviderFailure.of("a", ErrorCategory.SERVER, "503"));
        TestVoice backup = TestVoice.speaking(Duration.ZERO, time);
        TtsSession session = session(primary, backup);
        assertThat(backup.opened).hasValue(0);

        StepVerifier.withVirtualTime(() -> session.speak(clauses(Duration.ZERO, "Hi.")), () -> time, Long.MAX_VALUE)
                .expectNextCount(2).expectComplete().verify(Duration.ofSeconds(20));
        session.dispose();

        assertThat(List.of(primary.opened.get(), backup.opened.get())).containsExactly(1, 1);
        assertThat(List.of(primary.disposed.get(), backup.disposed.get())).containsExactly(1, 1);
    }

    @Test
    void aProviderWhoseBreakerIsOpenIsNotOpenedAtCallStart() {
        TestVoice primary = TestVoice.speaking(Duration.ZERO, time);
        TestVoice backup = TestVoice.speaking(Duration.ZERO, time);
        FailoverTextToSpeech.Voice open = voice("open", primary);
        open.guard().breaker().transitionToOpenState();

        new FailoverTextToSpeech(List.of(open, voice("backup", backup)), apology, (c, e) -> { }).open(CALL);

        assertThat(List.of(primary.opened.get(), backup.opened.get())).containsExactly(0, 1);
    }

    @Test
    void apologyAudioCarriesTheFirstClauseIndex() {
        TtsAudio audio = apology.asAudio(3);
        assertThat(audio.clauseIndex()).isEqualTo(3);
        assertThat(audio.lastOfClause()).isTrue();
    }
}
