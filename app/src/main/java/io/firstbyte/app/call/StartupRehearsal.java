package io.firstbyte.app.call;

import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.Scenarios;
import io.firstbyte.adapters.telephony.twilio.TwilioMediaCodec;
import io.firstbyte.app.providers.CallProviders;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.pipeline.agent.ClauseChunker;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkPlayed;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One call played through this instance before it reports ready, so the first real call does not
 * pay for start-up (classes loaded and linked, code run once, connections opened). It goes the way
 * a call goes, as a Twilio caller would: Twilio messages decoded and encoded by the Twilio codec,
 * the call start resolved (tenant lookup over R2DBC, provider settings, prompt building with the
 * catalog), the availability warm-up (Redis and PostgreSQL), the greeting spoken and its marks
 * played back, then the caller's first line of the booking scenario through the VAD, the
 * speech-to-text, speculation and the turn detector, the agent with its tool calls against the
 * tenant's real availability (reads only), and the answer's speech and pacer, until that first turn
 * has been answered and played. The providers are the simulated ones at their {@code instant}
 * profile and the pacer sends without waiting for real time, so the rehearsal lasts about as long
 * as its code takes to run, and no provider is billed. Nothing is recorded: it is not in the live
 * calls, the call records, the meters or the traces. It never fails the start-up: a rehearsal that
 * errs or overruns its budget is logged and the server starts anyway.
 */
public final class StartupRehearsal {

    private static final Logger log = LoggerFactory.getLogger(StartupRehearsal.class);
    private static final AudioFormat FORMAT = AudioFormat.MULAW_8K;
    private static final int SPEECH_FRAMES = 50;
    private static final int SILENCE_FRAMES = 40;
    /** A lead longer than anything said here: the pacer releases every frame at once. */
    private static final Duration NO_PACING = Duration.ofMinutes(5);
    private static final Sinks.EmitFailureHandler RETRY = Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1));

    private final CallPipeline pipeline;
    private final CallStartResolver resolver;
    private final ProviderSelection simulated;
    private final CallSettings settings;
    private final String dialled;
    private final Duration budget;
    private volatile @Nullable TurnTrace rehearsedTurn;

    /**
     * {@code dialled}: the number the rehearsal calls (a tenant's, to warm its catalog and availability);
     * {@code settings}: the pipeline's call settings, for the greeting the rehearsal caller listens to first.
     */
    public StartupRehearsal(CallPipeline pipeline, CallStartResolver resolver, ProviderSelection defaults,
                            CallSettings settings, String dialled, Duration budget) {
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.simulated = new ProviderSelection(List.of(ProviderSelection.SIMULATED), List.of(ProviderSelection.SIMULATED),
                List.of(ProviderSelection.SIMULATED), defaults.deepgram(), defaults.llmServers(), defaults.cartesia(),
                defaults.elevenLabs(), defaults.aura());
        this.settings = settings;
        this.dialled = dialled;
        this.budget = budget;
    }

    /** Completes when the caller's first turn was answered and played, or when the rehearsal failed or ran out of time (logged). */
    public Mono<Void> rehearse() {
        return Mono.defer(() -> {
                    long start = System.nanoTime();
                    return call().doOnNext(turn -> rehearsedTurn = turn).doOnSuccess(turn -> {
                        log.info("call path rehearsed before serving in {} ms", Duration.ofNanos(System.nanoTime() - start).toMillis());
                    });
                })
                .timeout(budget)
                .onErrorResume(failed -> {
                    log.warn("call path rehearsal did not finish ({}); the first call may be slower", failed.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Whether a rehearsal got as far as answering the caller's first turn. */
    public boolean rehearsed() {
        return rehearsedTurn != null;
    }

    /** The caller's first turn as the rehearsal played it (what was heard, the tools the agent called), once it has. */
    public Optional<TurnTrace> rehearsedTurn() {
        return Optional.ofNullable(rehearsedTurn);
    }

    /** The first turn's trace once it was answered and played. */
    private Mono<TurnTrace> call() {
        TwilioMediaCodec codec = new TwilioMediaCodec(DroppedInput.ignore());
        String sid = "rehearsal-" + UUID.randomUUID();
        CallStarted started = (CallStarted) codec.decode(new WireMessage.Text(startMessage(sid))).getFirst();
        CallContext call = new CallContext(started.callId(), started.streamId(), "+10000000000", dialled,
                started.parameters(), Map.of());
        Sinks.One<TurnTrace> firstTurn = Sinks.one();
        CallObserver observer = new CallObserver() {
            @Override
            public void turnTraced(TurnTrace trace) {
                firstTurn.tryEmitValue(trace);
            }
        };
        return resolver.resolve(call)
                .map(resolved -> resolved.withAttribute(CallProviders.ATTRIBUTE, simulated)
                        .withAttribute(CallSettings.PACER_LEAD_ATTRIBUTE, NO_PACING))
                .flatMap(resolved -> {
                    Caller caller = new Caller(codec, sid, greetingClauses(resolved));
                    return Mono.when(resolver.warmUp(resolved),
                                    pipeline.run(resolved, caller.says(), observer)
                                            .doOnNext(caller::hears)
                                            .takeUntilOther(firstTurn.asMono())
                                            .then())
                            .then(firstTurn.asMono());
                });
    }

    /** How many marks the greeting sends: one per clause, as the pipeline chunks it. */
    private int greetingClauses(CallContext resolved) {
        String greeting = settings.forCall(resolved).greeting();
        if (greeting.isBlank()) {
            return 0;
        }
        ClauseChunker chunker = new ClauseChunker();
        return chunker.accept(greeting).size() + (chunker.flush().isPresent() ? 1 : 0);
    }

    /**
     * The rehearsal's caller, as a Twilio gateway and the person behind it would be: every mark the server
     * sends comes back played (decoded from the encoded message, as Twilio echoes it), and once the greeting
     * has played the caller says their first line (a second of voice, then silence that ends the turn).
     * Everything it says is sent at once: the call path does not wait for real time here.
     */
    private final class Caller {
        private final TwilioMediaCodec codec;
        private final String sid;
        private final Sinks.Many<InboundEvent> said = Sinks.many().unicast().onBackpressureBuffer();
        private int greetingMarksLeft;

        Caller(TwilioMediaCodec codec, String sid, int greetingClauses) {
            this.codec = codec;
            this.sid = sid;
            this.greetingMarksLeft = greetingClauses;
        }

        Flux<InboundEvent> says() {
            return said.asFlux().doOnSubscribe(subscription -> {
                if (greetingMarksLeft == 0) {
                    speakFirstLine();
                }
            });
        }

        /** Called for each event the server sends, one at a time. */
        void hears(OutboundEvent event) {
            List<WireMessage> wire = codec.encode(event);
            if (!(event instanceof MarkSent)) {
                return;
            }
            for (WireMessage message : wire) {
                if (message instanceof WireMessage.Text text) {
                    for (InboundEvent echoed : codec.decode(text)) {
                        said.emitNext(echoed, RETRY);
                        if (echoed instanceof MarkPlayed && greetingMarksLeft > 0 && --greetingMarksLeft == 0) {
                            speakFirstLine();
                        }
                    }
                }
            }
        }

        private void speakFirstLine() {
            callerAudio().forEach(frame -> said.emitNext(frame, RETRY));
        }

        /** The first line of the scenario, as a voiced tone (the simulated speech-to-text knows the words), then silence. */
        private List<InboundEvent> callerAudio() {
            int samples = FORMAT.bytesPerFrame();
            List<InboundEvent> events = new ArrayList<>();
            for (int frame = 0; frame < SPEECH_FRAMES + SILENCE_FRAMES; frame++) {
                short[] pcm = new short[samples];
                if (frame < SPEECH_FRAMES) {
                    for (int i = 0; i < samples; i++) {
                        pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * (frame * samples + i) / FORMAT.sampleRate()));
                    }
                }
                String payload = Base64.getEncoder().encodeToString(G711.encodeMulaw(pcm));
                events.addAll(codec.decode(new WireMessage.Text("""
                        {"event":"media","sequenceNumber":"%d","streamSid":"%s","media":{"track":"inbound","chunk":"%d",\
                        "timestamp":"%d","payload":"%s"}}""".formatted(frame + 2, sid, frame + 1, frame * 20, payload))));
            }
            return events;
        }
    }

    private static String startMessage(String sid) {
        return """
                {"event":"start","sequenceNumber":"1","streamSid":"%s","start":{"streamSid":"%s","callSid":"%s",\
                "tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},\
                "customParameters":{"%s":"instant","%s":"%s"}}}""".formatted(sid, sid, sid,
                LatencyProfiles.PROFILE_PARAMETER, Scenarios.SCENARIO_PARAMETER, Scenarios.BOOKING);
    }
}
