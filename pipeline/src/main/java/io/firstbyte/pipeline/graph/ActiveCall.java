package io.firstbyte.pipeline.graph;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.agent.AgentTurn;
import io.firstbyte.pipeline.agent.ClauseChunker;
import io.firstbyte.pipeline.agent.ConversationHistory;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.control.EndCallTool;
import io.firstbyte.pipeline.control.KeypadEntry;
import io.firstbyte.pipeline.control.SilenceStep;
import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.error.CallCannotContinue;
import io.firstbyte.pipeline.error.SpokenFailure;
import io.firstbyte.pipeline.event.AgentEvent;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.ModelFinished;
import io.firstbyte.pipeline.event.ModelTextDelta;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
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
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/** The mutable state of one running call, and how it answers each signal. */
final class ActiveCall {

    private static final Logger log = LoggerFactory.getLogger(ActiveCall.class);
    /**
     * How long beyond the pacer's lead the hang-up waits for the gateway to say the last words have
     * played (their marks); a gateway that never says so is hung up on after it anyway.
     */
    private static final Duration PLAYOUT_CAP = Duration.ofSeconds(1);
    /** How long the end waits for an ending tool's hand-over (a store or two) before just ending. */
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(2);

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
    private final VoiceActivityDetector vad;
    private final OpenTurn openTurn;
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger turns = new AtomicInteger();
    private volatile boolean answering;
    private volatile long lastFrameArrival = -1;
    private volatile long lastFrameEndMillis;
    private volatile long lastFinalAt = -1;
    private volatile long speechOnset = -1;
    private volatile long lastAudioSent = -1;
    private volatile boolean sttDropLogged;
    private volatile @Nullable String endingReason;
    private volatile boolean callerSpeaking;
    private final Sinks.One<String> endingStarted = Sinks.one();
    private final Sinks.Many<String> marksPlayed = Sinks.many().multicast().directBestEffort();

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
        this.vad = VoiceActivityDetector.create(settings.vad());
        this.openTurn = new OpenTurn(observer);
    }

    /** The call's voice activity detector; fed only from the call's inbound audio, in order. */
    VoiceActivityDetector vad() {
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

    /** Someone is talking, or the agent is working on an answer: no silence is being counted. */
    boolean floorTaken() {
        return callerSpeaking || agentSpeaking();
    }

    void audioArrived(AudioIn frame) {
        lastFrameArrival = now();
        lastFrameEndMillis = frame.timestampMillis() + frame.durationMillis();
    }

    void speechEvent(SpeechEvent event) {
        switch (event) {
            case TranscriptFinal transcript -> lastFinalAt = now();
            case SpeechStarted started -> {
                callerSpeaking = true;
                // the onset of speech over the agent, for the barge-in it may become (a key press has none)
                speechOnset = agentSpeaking() ? arrivalOf(started.atMillis()) : -1;
            }
            case SpeechStopped stopped -> callerSpeaking = false;
            default -> { }
        }
    }

    void markPlayed(MarkPlayed mark) {
        ledger.markPlayed(mark.name());
        if (!ledger.awaitingPlayback()) {
            openTurn.playedOut();
        }
        marksPlayed.tryEmitNext(mark.name());
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

    /** The end reason, once the call starts saying its last words (at most once). */
    Mono<String> endingStarted() {
        return endingStarted.asMono();
    }

    /** The call ends after the words now being said; the first reason given is the call's. */
    private synchronized void beginEnding(String reason) {
        if (endingReason == null) {
            endingReason = reason;
            endingStarted.tryEmitValue(reason);
        }
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
                beginEnding("speech-to-text lost");
                yield say(SpokenFailure.CANNOT_HEAR);
            }
            case CallLimit limit -> {
                beginEnding(limit.reason());
                yield say(Objects.requireNonNull(limit.goodbye()));
            }
            case SilenceStep.GiveUp giveUp -> {
                log.info("call {}: the caller answered no silence prompt; ending the call", context.callId());
                beginEnding(ControlledEnd.CALLER_SILENT.reason());
                yield say(giveUp.text());
            }
            case SilenceStep.Prompt prompt -> say(prompt.text());
            case CallPipeline.Greeting greeting -> settings.greeting().isBlank() ? Flux.empty() : say(settings.greeting());
            case TurnEnded turn -> answer(turn);
            case KeypadEntry entry -> keypad(entry);
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
        long onset = speechOnset;
        speechOnset = -1;
        if (onset >= 0) {
            observer.bargeInHeard(Math.max(0, lastAudioSent - onset));
        }
        return Flux.just(interruption);
    }

    private Flux<OutboundEvent> say(String text) {
        return speak(ClauseChunker.chunk(Flux.just(text)), null);
    }

    private Flux<OutboundEvent> answer(TurnEnded turn) {
        long speechEnd = arrivalOf(Math.max(turn.speechEndMillis(), vad.lastVoicedEndMillis()));
        return answer(turn.transcript(), speechEnd, lastFinalAt);
    }

    /** Keys typed on the keypad are the caller's turn, from when the entry was complete. */
    private Flux<OutboundEvent> keypad(KeypadEntry entry) {
        if (entry instanceof KeypadEntry.HumanRequested human) {
            log.info("call {}: the caller pressed {} to ask for a person", context.callId(), human.key());
            observer.humanRequested(human.key());
        }
        return answer(entry.forModel(), now(), -1);
    }

    private Flux<OutboundEvent> answer(String callerInput, long inputEnd, long sttFinal) {
        int number = turns.incrementAndGet();
        TurnTraceRecorder trace = new TurnTraceRecorder(number, callerInput, this::now, inputEnd, sttFinal);
        delays.openTurn();
        AgentTurn agent = new AgentTurn(model, tools, history, scope, context, settings.maxToolRounds(),
                settings.fillerAfter(), scheduler);
        Flux<AgentEvent> events = Flux.defer(() -> agent.answer()).doOnNext(event -> traceAgent(event, trace));
        Flux<Clause> clauses = ClauseChunker.chunkAnswer(
                EndCallTool.lastWords(events, tools::endsCall, this::agentEnds));
        return Flux.defer(() -> {
            String heard = ledger.startAnswer("pending");
            history.agentSaid(heard);
            openTurn.next(trace, heard);
            history.userSaid(callerInput);
            return speak(clauses, trace);
        });
    }

    /** A tool result ends the call ({@code end_call}, a transfer, a message taken) after the words being said. */
    private void agentEnds(String reason) {
        if (!ending()) {
            log.info("call {}: the agent ends the call after its last words ({})", context.callId(), reason);
        }
        beginEnding(reason);
    }

    private Flux<OutboundEvent> speak(Flux<Clause> answerClauses, @Nullable TurnTraceRecorder trace) {
        String answerId = "a" + answers.incrementAndGet();
        Map<String, String> clauseText = new ConcurrentHashMap<>();
        Flux<Clause> clauses = answerClauses.doOnNext(clause -> {
            if (clause.index() == 0) {
                delays.firstClauseSent();
                if (trace != null) {
                    trace.firstClause();
                }
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
                                beginEnding(Objects.requireNonNullElse(last.getMessage(), "voice lost"));
                            } else {
                                log.warn("call {}: speech synthesis failed: {}", context.callId(), error.toString());
                            }
                            return Flux.empty();
                        }),
                answerId, observer::lateFrame);
        // The answer is all sent when its frames are, before any EndCall that follows its last words.
        return frames.doOnComplete(() -> {
                    if (trace != null) {
                        openTurn.answerSent(trace, ledger.awaitingPlayback());
                    }
                })
                .concatWith(Flux.defer(this::endIfEnding))
                .doOnNext(event -> sent(event, answerId, clauseText, trace))
                .doOnSubscribe(subscription -> {
                    String heard = ledger.startAnswer(answerId);
                    if (trace == null) {
                        openTurn.cutOff(heard, false);
                    }
                    answering = true;
                })
                .doFinally(signal -> answering = false);
    }

    /**
     * After the last words were paced out: {@code EndCall} once the gateway has played them (every
     * mark of the answer came back), so the transport hangs up after, not over, the goodbye; at the
     * latest when the caller's buffer (at most the pacer's lead) must have run dry, plus a margin.
     */
    private Flux<OutboundEvent> endIfEnding() {
        String reason = endingReason;
        if (reason == null) {
            return Flux.empty();
        }
        log.info("call {}: ending the call after its last words ({})", context.callId(), reason);
        Mono<String> played = Flux.merge(marksPlayed.asFlux(), Mono.just("paced"))
                .filter(mark -> !ledger.awaitingPlayback())
                .next();
        return played.timeout(pacerLead.plus(PLAYOUT_CAP), Mono.just("timeout"), scheduler)
                .then(handOver(reason)).flux();
    }

    /**
     * The end itself: with the number an ending tool hands the caller over to, if any (bounded, so a
     * slow store cannot keep the caller waiting in silence; without it the call just ends).
     */
    private Mono<OutboundEvent> handOver(String reason) {
        return tools.handOverTo(context, reason)
                .timeout(HAND_OVER_WAIT, scheduler)
                .onErrorResume(error -> {
                    log.warn("call {}: hand-over failed ({}); ending the call", context.callId(), error.toString());
                    return Mono.empty();
                })
                .map(number -> (OutboundEvent) new EndCall(reason, number))
                .defaultIfEmpty(new EndCall(reason));
    }

    private void sent(OutboundEvent event, String answerId, Map<String, String> clauseText,
                      @Nullable TurnTraceRecorder trace) {
        if (event instanceof AudioOut) {
            lastAudioSent = now();
            observer.outboundFrame();
            if (trace != null && trace.firstOutboundFrame()) {
                trace.addSimulatedDelay(delays.closeTurn(trace.speechEnd(), trace.firstOutboundFrameAt()));
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
            case ModelFinished finished -> trace.modelFinished();
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

    /** When the caller's audio at {@code millis} on their clock arrived, on the call's clock. */
    private long arrivalOf(long millis) {
        return lastFrameArrival - (lastFrameEndMillis - millis) * 1_000_000L;
    }

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }
}
