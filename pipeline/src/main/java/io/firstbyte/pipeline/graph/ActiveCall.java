package io.firstbyte.pipeline.graph;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.agent.AgentTurn;
import io.firstbyte.pipeline.agent.ClauseChunker;
import io.firstbyte.pipeline.agent.ConversationHistory;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.audio.vad.EnergyVad;
import io.firstbyte.pipeline.error.CallCannotContinue;
import io.firstbyte.pipeline.error.SpokenFailure;
import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.ToolCallRequested;
import io.firstbyte.pipeline.event.ToolResultReady;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.pace.MarkLedger;
import io.firstbyte.pipeline.pace.OutboundPacer;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.TranscriptHints;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.trace.TurnTraceRecorder;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import io.firstbyte.pipeline.turn.PauseDetector;
import io.firstbyte.pipeline.turn.Speculation;
import io.firstbyte.pipeline.turn.SpeculativeTurn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The mutable state of one running call, and how it answers each signal. */
final class ActiveCall {

    private static final Logger log = LoggerFactory.getLogger(ActiveCall.class);
    /** Time allowed beyond the pacer's lead for the last words to play before hanging up. */
    private static final Duration PLAYOUT_MARGIN = Duration.ofMillis(250);
    /** Transcript hints' work running at once for one call; more are skipped (a later transcript repeats them). */
    private static final int MAX_HINTS_RUNNING = 2;

    private final CallContext context;
    private final CallSettings settings;
    private final LanguageModel model;
    private final ToolRegistry tools;
    private final TtsSession speech;
    private final CallScope scope;
    private final MarkLedger ledger;
    private final ConversationHistory history;
    private final SimulatedDelays delays;
    private final CallObserver observer;
    private final Scheduler scheduler;
    private final Duration pacerLead;
    private final OutboundPacer pacer;
    private final EnergyVad vad;
    private final PauseDetector pauses;
    private final Speculation speculation;
    private final TranscriptHints hints;
    private final AtomicInteger hintsRunning = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger turns = new AtomicInteger();
    private volatile boolean answering;
    private volatile long lastFrameArrival = -1;
    private volatile long lastFrameEndMillis;
    private volatile long lastFinalAt = -1;
    private volatile boolean sttDropLogged;
    private volatile @Nullable String endingReason;

    ActiveCall(CallContext context, CallSettings settings, LanguageModel model, ToolRegistry tools, TtsSession speech,
               CallScope scope, MarkLedger ledger, ConversationHistory history, SimulatedDelays delays,
               CallObserver observer, Scheduler scheduler) {
        this.context = context;
        this.settings = settings;
        this.model = model;
        this.tools = tools;
        this.speech = speech;
        this.scope = scope;
        this.ledger = ledger;
        this.history = history;
        this.delays = delays;
        this.observer = observer;
        this.scheduler = scheduler;
        this.pacerLead = settings.pacerLeadFor(context);
        this.pacer = new OutboundPacer(pacerLead, scheduler);
        this.vad = new EnergyVad(settings.vad());
        this.pauses = new PauseDetector(settings.turn().speculation().pause(), settings.vad().minSpeech());
        this.speculation = new Speculation(settings.turn().speculation(), this::agentSpeaking);
        TranscriptHints callHints = context.attribute(TranscriptHints.ATTRIBUTE, TranscriptHints.class);
        this.hints = callHints == null ? TranscriptHints.NONE : callHints;
    }

    /** Decides when answers start before the turn is confirmed; see {@link Speculation}. */
    Speculation speculation() {
        return speculation;
    }

    /** What one inbound frame tells: speech starting or stopping (the VAD), the caller pausing or resuming. */
    List<Object> listen(AudioIn frame) {
        List<Object> heard = new ArrayList<>(2);
        vad.accept(frame).ifPresent(heard::add);
        if (settings.turn().speculation().enabled()) {
            pauses.accept(frame, vad).ifPresent(heard::add);
        }
        return heard;
    }

    /** The call's voice activity detector; fed only from the call's inbound audio, in order. */
    EnergyVad vad() {
        return vad;
    }

    CallContext context() {
        return context;
    }

    ConversationHistory history() {
        return history;
    }

    boolean agentSpeaking() {
        return answering || ledger.awaitingPlayback();
    }

    void audioArrived(AudioIn frame) {
        lastFrameArrival = now();
        lastFrameEndMillis = frame.timestampMillis() + frame.durationMillis();
    }

    void speechEvent(SpeechEvent event) {
        if (event instanceof TranscriptFinal) {
            lastFinalAt = now();
        }
        switch (event) {
            case TranscriptInterim interim -> hint(interim.text());
            case TranscriptFinal text -> hint(text.text());
            default -> { }
        }
    }

    /** Starts the work the transcript so far calls for (such as warming a day's availability), a few at a time. */
    private void hint(String transcript) {
        if (hints == TranscriptHints.NONE || hintsRunning.incrementAndGet() > MAX_HINTS_RUNNING) {
            hintsRunning.decrementAndGet();
            return;
        }
        scope.detach(Mono.defer(() -> hints.heard(transcript))
                .onErrorResume(error -> Mono.empty())
                .doFinally(signal -> hintsRunning.decrementAndGet()));
    }

    void markPlayed(MarkPlayed mark) {
        ledger.markPlayed(mark.name());
    }

    void sttAudioDropped() {
        if (!sttDropLogged) {
            sttDropLogged = true;
            log.warn("call {}: speech-to-text is slower than real time; dropping its oldest audio", context.callId());
        }
    }

    /** Whether the call is saying its last words; no later signal may interrupt them. */
    boolean ending() {
        return endingReason != null;
    }

    void sttFailed(Throwable error) {
        observer.stageFailed("stt", error);
        log.warn("call {}: speech-to-text failed for good ({}); telling the caller and ending the call",
                context.callId(), error.toString());
    }

    void limitReached(CallLimit limit) {
        log.info("call {}: {} reached; ending the call{}", context.callId(), limit.reason(),
                limit.goodbye() == null ? "" : " after a goodbye");
    }

    Flux<OutboundEvent> respond(Object signal) {
        return switch (signal) {
            case CallPipeline.SpeechLost lost -> {
                endingReason = "speech-to-text lost";
                yield speak(ClauseChunker.chunk(Flux.just(SpokenFailure.CANNOT_HEAR)), null);
            }
            case CallLimit limit -> {
                endingReason = limit.reason();
                yield speak(ClauseChunker.chunk(Flux.just(Objects.requireNonNull(limit.goodbye()))), null);
            }
            case CallPipeline.Greeting greeting -> settings.greeting().isBlank()
                    ? Flux.empty()
                    : speak(ClauseChunker.chunk(Flux.just(settings.greeting())), null);
            case TurnEnded turn -> answer(turn);
            case SpeculativeTurn attempt -> speculate(attempt);
            case Speculation.Withdrawn withdrawn -> Flux.empty();
            case CallPipeline.BargeIn bargeIn -> interrupt(bargeIn);
            default -> Flux.empty();
        };
    }

    private Flux<OutboundEvent> interrupt(CallPipeline.BargeIn bargeIn) {
        answering = false;
        history.agentSaid(ledger.interrupt());
        Interruption interruption = new Interruption(bargeIn.decidedAt());
        observer.bargeIn(now() - bargeIn.decidedAt());
        return Flux.just(interruption);
    }

    private Flux<OutboundEvent> answer(TurnEnded turn) {
        int number = turns.incrementAndGet();
        TurnTraceRecorder trace = new TurnTraceRecorder(number, turn.transcript(), this::now, speechEnd(turn), lastFinalAt);
        trace.speculation(speculation.takeCost(false));
        delays.openTurn();
        AgentTurn agent = new AgentTurn(model, tools, history, scope, context, settings.maxToolRounds(),
                settings.fillerAfter(), scheduler);
        Flux<Clause> clauses = answerClauses(agent, trace);
        return Flux.defer(() -> {
            history.agentSaid(ledger.startAnswer("pending"));
            history.userSaid(turn.transcript());
            return speak(clauses, trace);
        });
    }

    /** When the caller's speech ended, on the call's clock: the arrival of their last voiced frame. */
    private long speechEnd(TurnEnded turn) {
        long lastVoiced = Math.max(turn.speechEndMillis(), vad.lastVoicedEndMillis());
        return lastFrameArrival - (lastFrameEndMillis - lastVoiced) * 1_000_000L;
    }

    private Flux<Clause> answerClauses(AgentTurn agent, TurnTraceRecorder trace) {
        Map<String, Long> toolStarts = new ConcurrentHashMap<>();
        return ClauseChunker.chunkAnswer(Flux.defer(() -> agent.answer())
                .doOnNext(event -> traceAgent(event, trace, toolStarts)), settings.firstWords());
    }

    /**
     * An answer to a turn not yet confirmed ({@link SpeculativeTurn}): the model, tools and voice run
     * now, on the conversation as it would be after the caller's words, while nothing reaches the
     * caller or the history. Confirmed, it becomes the turn's answer from where it has got to;
     * otherwise it is cancelled without trace.
     */
    private Flux<OutboundEvent> speculate(SpeculativeTurn attempt) {
        long startedAt = now();
        delays.openSpeculation();
        TurnTraceRecorder trace = TurnTraceRecorder.pending(this::now);
        AgentTurn agent = new AgentTurn(attempt.metered(model), tools,
                attempt.history(history.snapshotWith(ledger.heard(), attempt.transcript())), scope, context,
                settings.maxToolRounds(), settings.fillerAfter(), scheduler);
        Mono<Void> confirmed = attempt.confirmed()
                .doOnNext(turn -> {
                    long speechEnd = speechEnd(turn);
                    trace.confirmed(turns.incrementAndGet(), turn.transcript(), speechEnd, lastFinalAt);
                    trace.speculation(speculation.takeCost(true));
                    delays.confirmSpeculation(Math.max(0, startedAt - speechEnd));
                    history.agentSaid(ledger.startAnswer("pending"));
                    history.userSaid(turn.transcript());
                })
                .then();
        return speak(answerClauses(agent, trace), trace, new Hold(confirmed, attempt::hold, () -> attempt.release(history)))
                .doOnSubscribe(subscription -> attempt.begin())
                .doFinally(signal -> attempt.abandon());
    }

    /**
     * How an answer becomes the call's current one: once {@code until} completes (at once for a confirmed
     * turn), after which {@code released} lets go of what {@code audio} held back from the pacer.
     */
    private record Hold(Mono<Void> until, UnaryOperator<Flux<TtsAudio>> audio, Runnable released) {

        static final Hold NONE = new Hold(Mono.empty(), UnaryOperator.identity(), () -> { });
    }

    private Flux<OutboundEvent> speak(Flux<Clause> answerClauses, @Nullable TurnTraceRecorder trace) {
        return speak(answerClauses, trace, Hold.NONE);
    }

    private Flux<OutboundEvent> speak(Flux<Clause> answerClauses, @Nullable TurnTraceRecorder trace, Hold hold) {
        String answerId = "a" + answers.incrementAndGet();
        Map<String, String> clauseText = new ConcurrentHashMap<>();
        Flux<Clause> clauses = answerClauses.doOnNext(clause -> {
            if (clause.index() == 0) {
                delays.firstClauseSent();
            }
            clauseText.put(MarkLedger.markName(answerId, clause.index()), clause.text());
        });
        Flux<OutboundEvent> frames = pacer.pace(hold.audio().apply(speech.speak(clauses)
                        .doOnNext(audio -> {
                            if (trace != null) {
                                trace.ttsFirstByte();
                                delays.firstAudio();
                            }
                        })
                        .onErrorResume(error -> {
                            observer.stageFailed("tts", error);
                            if (error instanceof CallCannotContinue last) {
                                endingReason = last.getMessage();
                            } else {
                                log.warn("call {}: speech synthesis failed: {}", context.callId(), error.toString());
                            }
                            return Flux.empty();
                        })),
                answerId, observer::lateFrame);
        Flux<OutboundEvent> current = hold.until().doOnSuccess(done -> {
            ledger.startAnswer(answerId);
            answering = true;
            hold.released().run();
        }).thenMany(Flux.empty());
        return Flux.merge(current, frames).concatWith(Flux.defer(this::endIfEnding))
                .doOnNext(event -> sent(event, answerId, clauseText, trace))
                .doFinally(signal -> {
                    if (trace == null || trace.isConfirmed()) {
                        answering = false;
                    }
                    if (trace != null && trace.isConfirmed() && !trace.outboundStarted()) {
                        publish(trace, true);
                    }
                });
    }

    /**
     * After the last words were paced out: {@code EndCall} once the caller's buffer (at most the
     * pacer's lead) has played them, so the transport hangs up after, not over, the goodbye.
     */
    private Flux<OutboundEvent> endIfEnding() {
        String reason = endingReason;
        if (reason == null) {
            return Flux.empty();
        }
        log.info("call {}: ending the call after its last words ({})", context.callId(), reason);
        return Mono.delay(pacerLead.plus(PLAYOUT_MARGIN), scheduler).thenReturn((OutboundEvent) new EndCall(reason)).flux();
    }

    private void sent(OutboundEvent event, String answerId, Map<String, String> clauseText,
                      @Nullable TurnTraceRecorder trace) {
        if (event instanceof AudioOut) {
            observer.outboundFrame();
            if (trace != null && trace.firstOutboundFrame()) {
                publish(trace, false);
            }
        } else if (event instanceof MarkSent mark) {
            ledger.markSent(answerId, mark.name(), clauseText.getOrDefault(mark.name(), ""));
        }
    }

    private void publish(TurnTraceRecorder trace, boolean interrupted) {
        trace.addSimulatedDelay(delays.closeTurn());
        observer.turnTraced(trace.snapshot(interrupted));
    }

    private void traceAgent(AgentEvent event, TurnTraceRecorder trace, Map<String, Long> toolStarts) {
        switch (event) {
            case ModelTextDelta delta -> trace.modelFirstToken();
            case ToolCallRequested requested -> {
                trace.modelFirstToken();
                toolStarts.put(requested.call().id(), now());
            }
            case ToolResultReady ready -> {
                Long start = toolStarts.remove(ready.result().callId());
                trace.tool(ready.result().name(), start == null ? -1 : start, now());
            }
            default -> { }
        }
    }

    void close() {
        scope.dispose();
        speech.dispose();
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
