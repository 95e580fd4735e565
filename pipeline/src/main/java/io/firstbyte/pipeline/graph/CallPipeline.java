package io.firstbyte.pipeline.graph;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.agent.ConversationHistory;
import io.firstbyte.pipeline.control.CallControls;
import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.control.CallLimits;
import io.firstbyte.pipeline.control.CallWatchdog;
import io.firstbyte.pipeline.control.CallerSilence;
import io.firstbyte.pipeline.control.Keypad;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.Dtmf;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.HangUp;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.TurnEnded;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.pace.MarkLedger;
import io.firstbyte.pipeline.pace.PacingTick;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.firstbyte.pipeline.tts.TtsSession;
import io.firstbyte.pipeline.turn.BargeInDecision;
import io.firstbyte.pipeline.turn.BargeInPolicy;
import io.firstbyte.pipeline.turn.CallerVoicing;
import io.firstbyte.pipeline.turn.TurnDetector;
import reactor.core.publisher.BufferOverflowStrategy;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One call's subscription graph: caller audio feeds the VAD and the speech-to-text session (both
 * from call start), the turn detector ends turns, each turn's answer streams model → clauses →
 * speech → paced frames. A new turn or a barge-in switches away from the answer in progress, which
 * cancels its model, tool waits and synthesis together. Caller speech over the agent first pauses the
 * answer ({@link BargeInPolicy}): a backchannel lets it resume where it paused, an interruption
 * switches away from it. Hang-up or the end of the inbound stream
 * ends the graph and releases every per-call resource. When the call cannot go on (speech-to-text
 * lost for good, or a voice stage ending with {@code CallCannotContinue}) the caller hears a last
 * honest sentence, then the graph emits {@code EndCall} once it has played. A call that reaches one
 * of its {@link CallLimits} ends too: at once after the inbound frames stopped, after a goodbye
 * when it ran for its maximum length. The graph completes after its {@code EndCall}.
 *
 * <p>Call control ({@link CallControls}) joins the turns: the agent may hang up after its goodbye
 * ({@code end_call}); a silent caller is asked whether they are still there, and the call ends
 * politely when they never answer; keys typed on the keypad reach the model as the caller's input
 * (a key press also interrupts the agent, as speech would), and the key that asks for a person is
 * reported to the observer.
 *
 * <p>With speculation on ({@link io.firstbyte.pipeline.call.SpeculationSettings}), an answer may start
 * when the caller pauses with a transcript in hand, before the turn detector ends the turn
 * ({@link io.firstbyte.pipeline.turn.Speculation}): it runs held, and is released when the turn ends
 * saying the same, or switched away from (cancelled, without trace) when the caller speaks on or the
 * turn says something else. An answer's first words go to the voice as soon as they exist.
 */
public final class CallPipeline {

    /** Caller audio buffered for the speech-to-text session before the oldest frames are dropped (2 s). */
    static final int STT_AUDIO_BUFFER_FRAMES = 100;

    private final SpeechToText stt;
    private final LanguageModel model;
    private final TextToSpeech tts;
    private final ToolRegistry tools;
    private final CallSettings settings;
    private final CallLimits limits;
    private final CallControls controls;
    private final Scheduler scheduler;
    private final PacingTick pacing;

    /** A pipeline whose calls have the default {@link CallLimits} and no silence prompts. */
    public CallPipeline(SpeechToText stt, LanguageModel model, TextToSpeech tts, ToolRegistry tools,
                        CallSettings settings, Scheduler scheduler) {
        this(stt, model, tts, tools, settings, CallLimits.DEFAULTS, scheduler);
    }

    /** A pipeline whose calls have no silence prompts ({@link CallControls#OFF}). */
    public CallPipeline(SpeechToText stt, LanguageModel model, TextToSpeech tts, ToolRegistry tools,
                        CallSettings settings, CallLimits limits, Scheduler scheduler) {
        this(stt, model, tts, tools, settings, limits, CallControls.OFF, scheduler);
    }

    public CallPipeline(SpeechToText stt, LanguageModel model, TextToSpeech tts, ToolRegistry tools,
                        CallSettings settings, CallLimits limits, CallControls controls, Scheduler scheduler) {
        this.stt = stt;
        this.model = model;
        this.tts = tts;
        this.tools = tools;
        this.settings = settings;
        this.limits = limits;
        this.controls = controls;
        this.scheduler = scheduler;
        this.pacing = new PacingTick(scheduler);
    }

    /** The one tick that paces the agent's audio in every call of this pipeline. */
    PacingTick pacing() {
        return pacing;
    }

    /**
     * Runs the call. {@code inbound} holds the events after the call started; the returned flux
     * completes when the caller hangs up or the inbound stream ends.
     */
    public Flux<OutboundEvent> run(CallContext context, Flux<InboundEvent> inbound, CallObserver observer) {
        return run(context, inbound, observer, Mono.never());
    }

    /**
     * The same, and the call also ends when {@code endRequested} names a limit from outside the call
     * (the server draining): as when the call reaches it itself, the caller hears the limit's goodbye
     * first.
     */
    public Flux<OutboundEvent> run(CallContext context, Flux<InboundEvent> inbound, CallObserver observer,
                                   Mono<CallLimit> endRequested) {
        return Flux.using(
                () -> open(context, observer),
                // Caller audio, 50 frames a second, goes only where it is heard (the VAD, the speech-to-text,
                // the watchdog); the gateway's few other events (keys, marks, hang-up) have watchers of their own.
                call -> inbound.publish(events -> events.filter(event -> !(event instanceof AudioIn))
                        .publish(gateway -> wire(call, events, gateway, endRequested))),
                ActiveCall::close);
    }

    private ActiveCall open(CallContext context, CallObserver observer) {
        SimulatedDelays delays = new SimulatedDelays();
        CallScope scope = new CallScope();
        CallContext withDelays = context.withAttribute(SimulatedDelays.ATTRIBUTE, delays).withAttribute(CallScope.ATTRIBUTE, scope);
        TtsSession session = tts.open(withDelays);
        CallSettings call = settings.forCall(context);
        return new ActiveCall(withDelays, call, model, tools, session, scope, new MarkLedger(),
                new ConversationHistory(call.systemPrompt(), call.historyMessages()), delays, observer, scheduler, pacing);
    }

    /**
     * The call's graph over its inbound {@code events}; {@code gateway} holds those that are not caller
     * audio.
     */
    private Flux<OutboundEvent> wire(ActiveCall call, Flux<InboundEvent> events, Flux<InboundEvent> gateway,
                                     Mono<CallLimit> endRequested) {
        Flux<AudioIn> callerAudio = events.ofType(AudioIn.class);
        Flux<Object> vad = callerAudio.concatMapIterable(call::listen);
        // A speech-to-text failure (its own reconnect and any failover spent) must not drop the call:
        // the caller is told, then the call ends politely.
        Sinks.One<SpeechLost> sttLost = Sinks.one();
        Flux<SpeechEvent> transcripts = stt.transcribe(call.context(), callerAudio
                        .onBackpressureBuffer(STT_AUDIO_BUFFER_FRAMES, dropped -> call.sttAudioDropped(),
                                BufferOverflowStrategy.DROP_OLDEST))
                .onErrorResume(error -> {
                    call.sttFailed(error);
                    sttLost.tryEmitValue(new SpeechLost(error));
                    return Flux.empty();
                });
        TurnDetector turnDetector = new TurnDetector(settings.turn(), scheduler);
        Flux<Dtmf> keys = gateway.ofType(Dtmf.class);
        CallerSilence silence = new CallerSilence(controls.silence().forCall(call.context()), scheduler);
        BargeInPolicy bargeIns = new BargeInPolicy(settings.turn().bargeIn(), scheduler);
        Flux<Object> speechSignals = Flux.merge(vad, transcripts)
                .doOnNext(heard -> {
                    if (heard instanceof SpeechEvent event) {
                        call.speechEvent(event);
                    }
                })
                // Each frame's voicing matters only to the barge-in policy; the others watch speech and pauses.
                .publish(heard -> heard.filter(signal -> !(signal instanceof CallerVoicing)).publish(said -> {
                    Flux<SpeechEvent> speech = said.ofType(SpeechEvent.class);
                    // A backchannel's turn still reaches speculation (which starts its next turn afresh) but is no turn.
                    return Flux.merge(
                            call.speculation().decide(Flux.merge(turnDetector.detect(speech), said))
                                    .filter(signal -> !(signal instanceof TurnEnded turn) || !backchannelOver(call, bargeIns, turn)),
                            bargeIns(call, bargeIns, speech, heard.ofType(CallerVoicing.class), keys),
                            silence.watch(Flux.merge(speech, keys), gateway.ofType(MarkPlayed.class), call::floorTaken));
                }));
        Flux<Object> keypad = new Keypad(controls.keypad(), scheduler).entries(keys.map(Dtmf::digit)).cast(Object.class);
        // A limit with a goodbye is said like any last words; the end comes with them, or at the latest
        // after the limit's grace if they cannot be said.
        Sinks.One<CallLimit> goodbye = Sinks.one();
        Flux<OutboundEvent> limitReached = new CallWatchdog(limits, scheduler).watch(events).or(endRequested)
                .flatMapMany(limit -> {
                    call.limitReached(limit);
                    if (limit.goodbye() != null) {
                        goodbye.tryEmitValue(limit);
                    }
                    return Mono.delay(limit.hangUpAfter(), scheduler).thenReturn(new EndCall(limit.reason()));
                });
        Flux<Object> signals = Flux.merge(speechSignals, keypad, sttLost.asMono(), goodbye.asMono());
        // Once the call is ending, nothing may switch away from its last words.
        Flux<OutboundEvent> answers = signals.startWith(Greeting.INSTANCE)
                .filter(signal -> !call.ending())
                .switchMap(call::respond, 1);
        Flux<OutboundEvent> marks = gateway.ofType(MarkPlayed.class).doOnNext(call::markPlayed).thenMany(Flux.empty());
        // Last words that never finish (a voice that stalls, an answer switched away in a race) still end the call.
        Flux<OutboundEvent> lastWordsGrace = call.endingStarted()
                .flatMap(reason -> Mono.delay(CallLimit.GOODBYE_GRACE, scheduler).thenReturn((OutboundEvent) new EndCall(reason)))
                .flux();
        Mono<InboundEvent> hangUp = gateway.filter(HangUp.class::isInstance)
                .concatWith(Mono.just(new HangUp("closed"))).next();
        return Flux.merge(answers, marks, limitReached, lastWordsGrace).takeUntilOther(hangUp)
                .takeUntil(EndCall.class::isInstance);
    }

    /**
     * Barge-ins: a key press over the agent interrupts at once; speech over the agent pauses it, and the
     * policy decides whether the answer resumes (a backchannel) or is interrupted. The last words of an
     * ending call are never paused for long nor interrupted.
     */
    private Flux<Object> bargeIns(ActiveCall call, BargeInPolicy policy, Flux<SpeechEvent> speech,
                                  Flux<CallerVoicing> voicing, Flux<Dtmf> keys) {
        if (!settings.turn().bargeInEnabled()) {
            return Flux.empty();
        }
        Flux<Object> keyPresses = keys.filter(key -> call.agentSpeaking()).map(key -> bargeInNow());
        Flux<Object> decided = policy.decide(speech, voicing, call::agentSpeaking).handle((decision, sink) -> {
            switch (decision) {
                case BargeInDecision.Pause pause -> call.pauseAgent();
                case BargeInDecision.Resume resume -> call.resumeAgent();
                case BargeInDecision.Interrupt interrupt -> {
                    if (call.agentSpeaking() && !call.ending()) {
                        sink.next(bargeInNow());
                    } else {
                        call.resumeAgent();
                    }
                }
            }
        });
        return Flux.merge(keyPresses, decided);
    }

    /** A turn that is only a backchannel, said while the agent talks, is no turn: the answer goes on. */
    private boolean backchannelOver(ActiveCall call, BargeInPolicy policy, TurnEnded turn) {
        return settings.turn().bargeInEnabled() && call.agentSpeaking() && policy.backchannel(turn.transcript());
    }

    private BargeIn bargeInNow() {
        return new BargeIn(scheduler.now(TimeUnit.NANOSECONDS));
    }

    /** Marker for the call-start greeting, the first answer. */
    enum Greeting { INSTANCE }

    /** The speech-to-text session failed for good: the call can no longer hear the caller. */
    record SpeechLost(Throwable cause) {
    }

    /** The caller interrupts the agent; {@code decidedAt} is when that was decided (speech judged, or a key pressed). */
    record BargeIn(long decidedAt) {
    }
}
