package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TurnEnded;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Decides when the caller's turn is over, from two signals: the speech-to-text provider's own
 * end-of-speech event, and local VAD silence. Either ends the turn once a final transcript exists;
 * new speech cancels a pending silence timer. How much silence, and whether the provider's end of
 * speech is enough, the {@link EndOfTurnRule} says from the transcript so far: with the adaptive
 * rule a complete sentence ends sooner and one that trails off ("and", "um") waits for more.
 */
public final class TurnDetector {

    private final EndOfTurnRule rule;
    private final Scheduler scheduler;

    public TurnDetector(TurnSettings settings, Scheduler scheduler) {
        this(EndOfTurnRule.of(settings), scheduler);
    }

    public TurnDetector(EndOfTurnRule rule, Scheduler scheduler) {
        this.rule = rule;
        this.scheduler = scheduler;
    }

    /** The turns in a merged stream of VAD and STT events. */
    public Flux<TurnEnded> detect(Flux<SpeechEvent> speech) {
        return Flux.defer(() -> {
            State state = new State();
            return speech.filter(event -> !(event instanceof io.firstbyte.pipeline.event.TranscriptInterim))
                    .switchMap(event -> state.on(event))
                    .flatMapIterable(ended -> ended.stream().toList());
        });
    }

    private final class State {
        private final StringBuilder finals = new StringBuilder();
        private boolean speaking;
        private boolean endOfSpeechSeen;
        private long speechEndMillis = -1;
        private long silenceSinceNanos = -1;

        synchronized Mono<Optional<TurnEnded>> on(SpeechEvent event) {
            switch (event) {
                case SpeechStarted started -> {
                    speaking = true;
                    endOfSpeechSeen = false;
                    return Mono.empty();
                }
                case SpeechStopped stopped -> {
                    speaking = false;
                    speechEndMillis = stopped.atMillis();
                    silenceSinceNanos = now();
                    return silenceTimer();
                }
                case TranscriptFinal text -> {
                    append(text.text());
                    if (!endOfSpeechSeen) {
                        return silenceTimer();
                    }
                    return rule.endsAtEndOfSpeech(finals.toString()) ? Mono.fromSupplier(this::end) : afterEndOfSpeech();
                }
                case EndOfSpeech eos -> {
                    endOfSpeechSeen = true;
                    return finals.isEmpty() || rule.endsAtEndOfSpeech(finals.toString())
                            ? Mono.fromSupplier(this::end) : afterEndOfSpeech();
                }
                default -> {
                    return Mono.empty();
                }
            }
        }

        private Mono<Optional<TurnEnded>> silenceTimer() {
            if (speaking || silenceSinceNanos < 0 || finals.isEmpty()) {
                return Mono.empty();
            }
            return silenceFrom(silenceSinceNanos);
        }

        /** The provider heard the end of speech, but the transcript asks for more silence: from the local stop, or now. */
        private Mono<Optional<TurnEnded>> afterEndOfSpeech() {
            return silenceFrom(speaking || silenceSinceNanos < 0 ? now() : silenceSinceNanos);
        }

        private Mono<Optional<TurnEnded>> silenceFrom(long since) {
            long remaining = since + rule.silence(finals.toString()).toNanos() - now();
            return Mono.delay(Duration.ofNanos(Math.max(0, remaining)), scheduler).map(tick -> end());
        }

        private synchronized Optional<TurnEnded> end() {
            String transcript = finals.toString().strip();
            if (transcript.isEmpty()) {
                return Optional.empty();
            }
            finals.setLength(0);
            endOfSpeechSeen = false;
            silenceSinceNanos = -1;
            return Optional.of(new TurnEnded(transcript, speechEndMillis));
        }

        private void append(String text) {
            if (!text.isBlank()) {
                if (!finals.isEmpty()) {
                    finals.append(' ');
                }
                finals.append(text.strip());
            }
        }

        private long now() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }
    }
}
