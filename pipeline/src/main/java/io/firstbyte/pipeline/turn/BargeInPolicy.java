package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.call.BargeInSettings;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Pause, then decide: the caller's speech onset over the agent pauses the answer at once
 * ({@link BargeInDecision.Pause}); the speech is then a backchannel ({@link BargeInDecision.Resume}) once
 * the caller has been silent for the backchannel gap within the backchannel's longest speech, with no
 * other word in its transcript; it is an interruption ({@link BargeInDecision.Interrupt}) as soon as it
 * runs longer, its transcript says something else, or the pause reaches its bound undecided. After a
 * resume, the same speech going on (more voiced audio before the VAD's end of speech) pauses again,
 * and a late transcript with other words still interrupts while the agent talks.
 *
 * <p>Speech is dated on the caller-audio clock (frames and VAD events); the pause's bound runs on the
 * scheduler. One state per subscription.
 */
public final class BargeInPolicy {

    private final BargeInSettings settings;
    private final Backchannels backchannels;
    private final Scheduler scheduler;

    public BargeInPolicy(BargeInSettings settings, Scheduler scheduler) {
        this.settings = settings;
        this.backchannels = new Backchannels(settings.backchannelWords(), settings.backchannelMaxWords());
        this.scheduler = scheduler;
    }

    /** Whether {@code transcript} is only a backchannel (its turn is no turn while the agent talks). */
    public boolean backchannel(String transcript) {
        return backchannels.only(transcript);
    }

    /** The decisions about caller speech ({@code speech}: VAD and transcripts; {@code voicing}: every frame). */
    public Flux<BargeInDecision> decide(Flux<SpeechEvent> speech, Flux<CallerVoicing> voicing, BooleanSupplier agentSpeaking) {
        return Flux.defer(() -> {
            State state = new State(agentSpeaking);
            // flatMap, not concatMap: a pause's bound is a timer that must not hold up the frames after it
            return Flux.<Object>merge(speech, voicing).flatMap(state::on);
        });
    }

    private enum Phase { IDLE, PAUSED, RESUMED }

    private final class State {
        private final BooleanSupplier agentSpeaking;
        private Phase phase = Phase.IDLE;
        private boolean vadSpeaking;
        private long onset;
        private long lastVoicedEnd;
        private int pauses;

        State(BooleanSupplier agentSpeaking) {
            this.agentSpeaking = agentSpeaking;
        }

        synchronized Flux<BargeInDecision> on(Object heard) {
            return switch (heard) {
                case SpeechStarted started -> started(started.atMillis());
                case SpeechStopped stopped -> {
                    vadSpeaking = false;
                    yield phase == Phase.PAUSED ? resume() : Flux.empty();
                }
                case TranscriptInterim interim -> transcript(interim.text());
                case TranscriptFinal text -> transcript(text.text());
                case CallerVoicing frame -> frame(frame);
                default -> Flux.empty();
            };
        }

        private Flux<BargeInDecision> started(long atMillis) {
            vadSpeaking = true;
            if (phase == Phase.PAUSED || !agentSpeaking.getAsBoolean()) {
                return Flux.empty();
            }
            onset = atMillis;
            lastVoicedEnd = atMillis;
            return pause();
        }

        private Flux<BargeInDecision> frame(CallerVoicing frame) {
            if (frame.voiced() && phase != Phase.IDLE) {
                lastVoicedEnd = frame.endMillis();
                if (lastVoicedEnd - onset > settings.backchannelMaxSpeech().toMillis()) {
                    return interrupt();
                }
                if (phase == Phase.RESUMED && vadSpeaking && agentSpeaking.getAsBoolean()) {
                    return pause();
                }
            } else if (phase == Phase.PAUSED && frame.endMillis() - lastVoicedEnd >= settings.backchannelGap().toMillis()) {
                return resume();
            }
            return Flux.empty();
        }

        private Flux<BargeInDecision> transcript(String text) {
            if (phase == Phase.IDLE || backchannels.only(text)) {
                return Flux.empty();
            }
            return phase == Phase.PAUSED || agentSpeaking.getAsBoolean() ? interrupt() : Flux.empty();
        }

        private Flux<BargeInDecision> pause() {
            phase = Phase.PAUSED;
            int pause = ++pauses;
            Mono<BargeInDecision> bound = Mono.delay(settings.maxPause(), scheduler)
                    .flatMap(tick -> timeUp(pause));
            return Flux.concat(Mono.just(new BargeInDecision.Pause(onset)), bound);
        }

        private synchronized Mono<BargeInDecision> timeUp(int pause) {
            return phase == Phase.PAUSED && pauses == pause ? interrupt().next() : Mono.empty();
        }

        private Flux<BargeInDecision> resume() {
            phase = Phase.RESUMED;
            return Flux.just(new BargeInDecision.Resume(onset));
        }

        private Flux<BargeInDecision> interrupt() {
            phase = Phase.IDLE;
            return Flux.just(new BargeInDecision.Interrupt(onset));
        }
    }
}
