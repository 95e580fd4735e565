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
import io.firstbyte.pipeline.control.LimitWords;
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
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.pace.MarkLedger;
import io.firstbyte.pipeline.pace.OutboundPacer;
import io.firstbyte.pipeline.pace.PacingTick;
import io.firstbyte.pipeline.pace.PlaybackGate;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.TranscriptHints;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.trace.TurnTraceRecorder;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import io.firstbyte.pipeline.turn.CallerPause;
import io.firstbyte.pipeline.turn.CallerVoicing;
import io.firstbyte.pipeline.turn.EndOfTurnRule;
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
    private final PlaybackGate playback = new PlaybackGate();
    private final VoiceActivityDetector vad;
    private final OpenTurn openTurn;
    private final PauseDetector pauses;
    private final Speculation speculation;
    private final TranscriptHints hints;
    private final AtomicInteger hintsRunning = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger turns = new AtomicInteger();
    private volatile boolean answering;
    private volatile long lastFrameArrival = -1;
    private volatile long lastFrameEndMillis;
    private volatile long lastVoicedArrival = -1;
    private volatile long lastVoicedFrameEndMillis = -1;
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
               CallObserver observer, Scheduler scheduler, PacingTick pacing) {
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
        this.pacer = new OutboundPacer(pacerLead, pacing, playback);
        this.vad = VoiceActivityDetector.create(settings.vad());
        this.openTurn = new OpenTurn(observer);
        this.pauses = new PauseDetector(List.of(settings.turn().speculation().completePause(),
                settings.turn().speculation().pause()), settings.vad().minSpeech());
        EndOfTurnRule endOfTurn = EndOfTurnRule.of(settings.turn());
        this.speculation = new Speculation(settings.turn().speculation(), this::agentSpeaking,
                transcript -> !endOfTurn.trailsOff(transcript));
        TranscriptHints callHints = context.attribute(TranscriptHints.ATTRIBUTE, TranscriptHints.class);
        this.hints = callHints == null ? TranscriptHints.NONE : callHints;
    }

    /** Decides when answers start before the turn is confirmed; see {@link Speculation}. */
    Speculation speculation() {
        return speculation;
    }

    /**
     * What one inbound frame tells, in order: speech starting or stopping (the VAD), the caller pausing
     * or resuming, and whether the frame was voiced. Notes when the frame arrived.
     */
    List<Object> listen(AudioIn frame) {
        long end = frame.timestampMillis() + frame.durationMillis();
        lastFrameArrival = now();
        lastFrameEndMillis = end;
        SpeechEvent speech = vad.accept(frame).orElse(null);
        if (vad.lastFrameVoiced()) {
            lastVoicedArrival = lastFrameArrival;
            lastVoicedFrameEndMillis = end;
        }
        CallerPause pause = settings.turn().speculation().enabled() ? pauses.accept(frame, vad).orElse(null) : null;
        CallerVoicing voicing = new CallerVoicing(end, vad.lastFrameVoiced());
        if (speech == null) {
            return pause == null ? List.of(voicing) : List.of(pause, voicing);
        }
        return pause == null ? List.of(speech, voicing) : List.of(speech, pause, voicing);
    }

    /** The caller speaks over the agent: no new agent audio goes out until {@link #resumeAgent()} or an interruption. */
    void pauseAgent() {
        if (!ending()) {
            playback.close();
        }
    }

    /** The caller's speech was a backchannel: the answer carries on where it paused. */
    void resumeAgent() {
        playback.open();
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
                yield say(Objects.requireNonNull(LimitWords.goodbyeFor(limit, context)));
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
            case SpeculativeTurn attempt -> speculate(attempt);
            case Speculation.Withdrawn withdrawn -> Flux.empty();
            case CallPipeline.BargeIn bargeIn -> interrupt(bargeIn);
            default -> Flux.empty();
        };
    }

    private Flux<OutboundEvent> interrupt(CallPipeline.BargeIn bargeIn) {
        answering = false;
        playback.open();
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
        return answer(turn.transcript(), speechEnd(turn), lastFinalAt);
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
        trace.speculation(speculation.takeCost(false));
        delays.openTurn();
        AgentTurn agent = new AgentTurn(model, tools, history, scope, context, settings.maxToolRounds(),
                settings.fillerAfter(), scheduler);
        Flux<Clause> clauses = answerClauses(agent, trace);
        return Flux.defer(() -> {
            String heard = ledger.startAnswer("pending");
            history.agentSaid(heard);
            openTurn.next(trace, heard);
            history.userSaid(callerInput);
            return speak(clauses, trace);
        });
    }

    /**
     * When the caller's speech ended, on the call's clock: the arrival of their last voiced frame. A
     * frame that came late (a caller's clock sending a stalled stretch in a burst) counts from when it
     * came, not from when the frames after it say it should have: the caller stopped speaking no
     * earlier than it sent that frame, so a turn's window never starts before the caller's wait did.
     */
    private long speechEnd(TurnEnded turn) {
        long endMillis = Math.max(turn.speechEndMillis(), vad.lastVoicedEndMillis());
        long dated = arrivalOf(endMillis);
        return endMillis == lastVoicedFrameEndMillis ? Math.max(dated, lastVoicedArrival) : dated;
    }

    private Flux<Clause> answerClauses(AgentTurn agent, TurnTraceRecorder trace) {
        Flux<AgentEvent> events = Flux.defer(() -> agent.answer()).doOnNext(event -> traceAgent(event, trace));
        return ClauseChunker.chunkAnswer(EndCallTool.lastWords(events, tools::endsCall, this::agentEnds),
                settings.firstWords());
    }

    /** A tool result ends the call ({@code end_call}, a transfer, a message taken) after the words being said. */
    private void agentEnds(String reason) {
        if (!ending()) {
            log.info("call {}: the agent ends the call after its last words ({})", context.callId(), reason);
        }
        beginEnding(reason);
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
                    String heard = ledger.startAnswer("pending");
                    history.agentSaid(heard);
                    openTurn.next(trace, heard);
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
                if (trace != null) {
                    trace.firstClause();
                }
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
                                beginEnding(Objects.requireNonNullElse(last.getMessage(), "voice lost"));
                            } else {
                                log.warn("call {}: speech synthesis failed: {}", context.callId(), error.toString());
                            }
                            return Flux.empty();
                        })),
                answerId, observer::lateFrame);
        Flux<OutboundEvent> current = hold.until().doOnSuccess(done -> {
            playback.open();
            String heard = ledger.startAnswer(answerId);
            if (trace == null) {
                openTurn.cutOff(heard, false);
            }
            answering = true;
            hold.released().run();
        }).thenMany(Flux.empty());
        // The answer is all sent when its frames are, before any EndCall that follows its last words.
        Flux<OutboundEvent> sentToTheEnd = frames.doOnComplete(() -> {
            if (trace != null && trace.isConfirmed()) {
                openTurn.answerSent(trace, ledger.awaitingPlayback());
            }
        });
        return Flux.merge(current, sentToTheEnd).concatWith(Flux.defer(this::endIfEnding))
                .doOnNext(event -> sent(event, answerId, clauseText, trace))
                .doFinally(signal -> {
                    if (trace == null || trace.isConfirmed()) {
                        answering = false;
                    }
                });
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
