package io.firstbyte.pipeline.turn;

import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Decides when to start an answer before the caller's turn is confirmed, and what becomes of it.
 * It reads the caller's speech as it happens (transcripts, pauses, speech starts) and the turns the
 * {@link TurnDetector} ends, and emits what the call should do next:
 * <ul>
 *   <li>a {@link SpeculativeTurn} when the caller pauses with a transcript in hand (the final pieces so
 *   far and the latest interim) while the agent is silent, or when an interim transcript changes it
 *   during the pause (the previous speculative answer is then discarded). How long the pause must be
 *   depends on the transcript: one that reads complete ({@link TranscriptEnding#COMPLETE}) starts after
 *   {@link SpeculationSettings#completePause()}, any other after {@link SpeculationSettings#pause()}, so
 *   the gaps between a caller's words do not start answers on half sentences. After the caller spoke on,
 *   the transcript in hand lacks their latest words, so nothing starts until a newer one arrives;</li>
 *   <li>{@link Withdrawn} when the caller speaks again, or a final transcript says something else: the
 *   speculative answer is discarded;</li>
 *   <li>the {@link TurnEnded} itself when no speculative answer matches it: one whose transcript
 *   differs ({@link SameWords}) is discarded, and the turn is answered afresh.</li>
 * </ul>
 * A turn whose transcript says the same as the speculative answer's is not emitted: that answer is
 * confirmed and released at once. Whatever switches to the next emitted signal cancels the previous
 * answer, so a discarded one stops together with its model request, synthesis and tool waits. At most
 * {@link SpeculationSettings#maxPerTurn()} answers are started per turn. Disabled, it passes the turns
 * through and nothing else. One per call; thread-safe.
 */
public final class Speculation {

    /** The caller spoke again: the speculative answer in progress is discarded. */
    public enum Withdrawn { INSTANCE }

    private final SpeculationSettings settings;
    private final BooleanSupplier agentSpeaking;
    private final Predicate<String> mayEndOn;
    private final StringBuilder finals = new StringBuilder();
    private final List<SpeculativeTurn> discarded = new ArrayList<>();
    private String interim = "";
    private boolean paused;
    /** The caller spoke on after the transcript in hand: it is missing their latest words until the next one. */
    private boolean stale;
    private long pausedAfterMillis = Long.MAX_VALUE;
    /** How long the caller had been silent at the last pause reported (0 while they speak). */
    private long silentMillis;
    private int started;
    private @Nullable SpeculativeTurn pending;

    public Speculation(SpeculationSettings settings, BooleanSupplier agentSpeaking) {
        this(settings, agentSpeaking, transcript -> true);
    }

    /**
     * Speculation that starts nothing on a transcript its turn will not end on soon ({@code mayEndOn} false:
     * one that trails off, "I'd like a haircut and").
     */
    public Speculation(SpeculationSettings settings, BooleanSupplier agentSpeaking, Predicate<String> mayEndOn) {
        this.settings = settings;
        this.agentSpeaking = agentSpeaking;
        this.mayEndOn = mayEndOn;
    }

    /**
     * The call's next signals from what the caller does: {@code heard} merges speech events,
     * {@link CallerPause}s and the turns the detector ended; everything else in it is ignored.
     */
    public Flux<Object> decide(Flux<Object> heard) {
        return heard.concatMapIterable(this::on);
    }

    private List<Object> on(Object event) {
        if (event instanceof TurnEnded turn) {
            return turnEnded(turn);
        }
        if (!settings.enabled()) {
            return List.of();
        }
        synchronized (this) {
            return switch (event) {
                case TranscriptFinal text -> {
                    append(text.text());
                    interim = "";
                    stale = false;
                    yield outdated();
                }
                case TranscriptInterim text -> {
                    interim = text.text();
                    stale = false;
                    yield paused ? start() : List.of();
                }
                case CallerPause.Paused pause -> {
                    paused = true;
                    pausedAfterMillis = pause.lastVoicedEndMillis();
                    silentMillis = pause.silentMillis();
                    yield start();
                }
                case CallerPause.Resumed resumed -> resumed();
                // A provider's speech start may describe audio from before the pause; only a later one is new speech.
                case SpeechStarted speech when paused && speech.atMillis() > pausedAfterMillis -> resumed();
                default -> List.of();
            };
        }
    }

    private List<Object> turnEnded(TurnEnded turn) {
        SpeculativeTurn attempt;
        synchronized (this) {
            attempt = pending;
            pending = null;
            finals.setLength(0);
            interim = "";
            stale = false;
            started = 0;
        }
        if (attempt != null && SameWords.same(attempt.transcript(), turn.transcript()) && attempt.confirm(turn)) {
            return List.of();
        }
        if (attempt != null) {
            discard(attempt);
        }
        return List.of(turn);
    }

    /** Starts an answer on the transcript in hand, unless one for the same words is running or none may start. */
    private List<Object> start() {
        String transcript = inHand();
        if (stale || transcript.isBlank() || SameWords.normalised(transcript).isEmpty() || agentSpeaking.getAsBoolean()
                || silentMillis < pauseBefore(transcript).toMillis() || !mayEndOn.test(transcript)) {
            return List.of();
        }
        SpeculativeTurn previous = pending;
        if (previous != null && SameWords.same(previous.transcript(), transcript)) {
            return List.of();
        }
        if (started >= settings.maxPerTurn()) {
            return previous == null ? List.of() : withdraw();
        }
        if (previous != null) {
            discarded.add(previous);
        }
        started++;
        pending = new SpeculativeTurn(transcript);
        return List.of(pending);
    }

    /**
     * A final transcript usually comes with the end of the turn (Deepgram's {@code speech_final}, the
     * simulated STT), so it starts nothing itself: an answer started now would only be confirmed at once.
     * It does show whether the speculative answer in progress still matches.
     */
    private List<Object> outdated() {
        SpeculativeTurn previous = pending;
        return previous == null || SameWords.same(previous.transcript(), inHand()) ? List.of() : withdraw();
    }

    /** The pause after which an answer on {@code transcript} is worth starting. */
    private Duration pauseBefore(String transcript) {
        return TranscriptEnding.of(transcript) == TranscriptEnding.COMPLETE ? settings.completePause() : settings.pause();
    }

    private List<Object> resumed() {
        paused = false;
        silentMillis = 0;
        stale = true;
        pausedAfterMillis = Long.MAX_VALUE;
        return withdraw();
    }

    private List<Object> withdraw() {
        SpeculativeTurn previous = pending;
        if (previous == null) {
            return List.of();
        }
        pending = null;
        discarded.add(previous);
        return List.of(Withdrawn.INSTANCE);
    }

    private synchronized void discard(SpeculativeTurn attempt) {
        discarded.add(attempt);
    }

    /**
     * What speculation did for the turn being answered now ({@code used}: its answer is a released
     * speculative one): the answers discarded since the last turn and what they cost. Starts the count over.
     */
    public synchronized TurnTrace.Speculation takeCost(boolean used) {
        int requests = discarded.stream().mapToInt(SpeculativeTurn::modelRequests).sum();
        long tokens = discarded.stream().mapToLong(SpeculativeTurn::modelTokens).sum();
        TurnTrace.Speculation cost = new TurnTrace.Speculation(used, discarded.size(), requests, tokens);
        discarded.clear();
        return cost;
    }

    private String inHand() {
        if (interim.isBlank()) {
            return finals.toString();
        }
        return finals.isEmpty() ? interim.strip() : finals + " " + interim.strip();
    }

    private void append(String text) {
        if (!text.isBlank()) {
            if (!finals.isEmpty()) {
                finals.append(' ');
            }
            finals.append(text.strip());
        }
    }
}
