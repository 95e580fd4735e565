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
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.pace.MarkLedger;
import io.firstbyte.pipeline.pace.OutboundPacer;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.trace.TurnTraceRecorder;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final OpenTurn openTurn;
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
        this.openTurn = new OpenTurn(observer);
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
    }

    void markPlayed(MarkPlayed mark) {
        ledger.markPlayed(mark.name());
        if (!ledger.awaitingPlayback()) {
            openTurn.playedOut();
        }
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
            case CallPipeline.BargeIn bargeIn -> interrupt(bargeIn);
            default -> Flux.empty();
        };
    }

    private Flux<OutboundEvent> interrupt(CallPipeline.BargeIn bargeIn) {
        answering = false;
        String heard = ledger.interrupt();
        history.agentSaid(heard);
        openTurn.cutOff(heard, true);
        Interruption interruption = new Interruption(bargeIn.decidedAt());
        observer.bargeIn(now() - bargeIn.decidedAt());
        return Flux.just(interruption);
    }

    private Flux<OutboundEvent> answer(TurnEnded turn) {
        int number = turns.incrementAndGet();
        long lastVoiced = Math.max(turn.speechEndMillis(), vad.lastVoicedEndMillis());
        long speechEnd = lastFrameArrival - (lastFrameEndMillis - lastVoiced) * 1_000_000L;
        TurnTraceRecorder trace = new TurnTraceRecorder(number, turn.transcript(), this::now, speechEnd, lastFinalAt);
        delays.openTurn();
        AgentTurn agent = new AgentTurn(model, tools, history, scope, context, settings.maxToolRounds(),
                settings.fillerAfter(), scheduler);
        Flux<Clause> clauses = ClauseChunker.chunkAnswer(Flux.defer(() -> agent.answer())
                .doOnNext(event -> traceAgent(event, trace)));
        return Flux.defer(() -> {
            String heard = ledger.startAnswer("pending");
            history.agentSaid(heard);
            openTurn.next(trace, heard);
            history.userSaid(turn.transcript());
            return speak(clauses, trace);
        });
    }

    private Flux<OutboundEvent> speak(Flux<Clause> answerClauses, @Nullable TurnTraceRecorder trace) {
        String answerId = "a" + answers.incrementAndGet();
        Map<String, String> clauseText = new ConcurrentHashMap<>();
        Flux<Clause> clauses = answerClauses.doOnNext(clause -> {
            if (clause.index() == 0) {
                delays.firstClauseSent();
            }
            clauseText.put(MarkLedger.markName(answerId, clause.index()), clause.text());
        });
        Flux<OutboundEvent> frames = pacer.pace(speech.speak(clauses)
                        .doOnNext(audio -> {
                            if (trace != null) {
                                trace.ttsFirstByte();
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
                        }),
                answerId, observer::lateFrame);
        return frames.concatWith(Flux.defer(this::endIfEnding))
                .doOnNext(event -> sent(event, answerId, clauseText, trace))
                .doOnSubscribe(subscription -> {
                    String heard = ledger.startAnswer(answerId);
                    if (trace == null) {
                        openTurn.cutOff(heard, false);
                    }
                    answering = true;
                })
                .doOnComplete(() -> {
                    if (trace != null) {
                        openTurn.answerSent(trace, ledger.awaitingPlayback());
                    }
                })
                .doFinally(signal -> answering = false);
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
                trace.addSimulatedDelay(delays.closeTurn());
            }
        } else if (event instanceof MarkSent mark) {
            String text = clauseText.getOrDefault(mark.name(), "");
            ledger.markSent(answerId, mark.name(), text);
            if (trace != null) {
                openTurn.clauseSent(trace, text);
            }
        }
    }

    private void traceAgent(AgentEvent event, TurnTraceRecorder trace) {
        switch (event) {
            case ModelTextDelta delta -> trace.modelFirstToken();
            case ToolCallRequested requested -> {
                trace.modelFirstToken();
                trace.toolRequested(requested.call().id(), requested.call().name(), requested.call().arguments());
            }
            case ToolResultReady ready -> trace.toolFinished(ready.result().callId(), ready.result().name(),
                    ready.result().content());
            default -> { }
        }
    }

    void close() {
        openTurn.cutOff(ledger.interrupt(), false);
        scope.dispose();
        speech.dispose();
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
