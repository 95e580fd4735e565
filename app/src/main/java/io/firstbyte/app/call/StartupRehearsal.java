package io.firstbyte.app.call;

import io.firstbyte.adapters.sim.LatencyProfiles;
import io.firstbyte.adapters.sim.Scenarios;
import io.firstbyte.adapters.telephony.twilio.TwilioMediaCodec;
import io.firstbyte.app.providers.CallProviders;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallObserver;
import io.firstbyte.pipeline.event.CallStarted;
import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One call played through this instance before it reports ready, so the first real call does not
 * pay for start-up (classes loaded, code run once, connections opened). It goes the way a call
 * goes: Twilio messages decoded by the Twilio codec, the call start resolved (tenant lookup over
 * R2DBC, provider settings, prompt building with the catalog), the availability warm-up (Redis and
 * PostgreSQL), then the pipeline with its VAD, turn detector, agent loop, tools, speech and pacer,
 * and the agent's audio encoded back to Twilio JSON, until the greeting's first clause has gone out
 * (its mark), while the caller's first line, sent at once, goes through the turn detector and the agent. The
 * providers are always the simulated ones at their fastest profile, so no provider is billed and
 * nothing waits on a network. Nothing is recorded: it is not in the live calls, the call records,
 * the meters or the traces. It never fails the start-up: a rehearsal that errs or overruns its
 * budget is logged and the server starts anyway.
 */
public final class StartupRehearsal {

    private static final Logger log = LoggerFactory.getLogger(StartupRehearsal.class);
    private static final AudioFormat FORMAT = AudioFormat.MULAW_8K;
    private static final int SPEECH_FRAMES = 40;
    private static final int SILENCE_FRAMES = 60;

    private final CallPipeline pipeline;
    private final CallStartResolver resolver;
    private final ProviderSelection simulated;
    private final String dialled;
    private final Duration budget;
    private volatile boolean rehearsed;

    /** {@code dialled}: the number the rehearsal calls (a tenant's, to warm its catalog and availability). */
    public StartupRehearsal(CallPipeline pipeline, CallStartResolver resolver, ProviderSelection defaults,
                            String dialled, Duration budget) {
        this.pipeline = pipeline;
        this.resolver = resolver;
        this.simulated = new ProviderSelection(List.of(ProviderSelection.SIMULATED), List.of(ProviderSelection.SIMULATED),
                List.of(ProviderSelection.SIMULATED), defaults.deepgram(), defaults.llmServers(), defaults.cartesia(),
                defaults.elevenLabs(), defaults.aura());
        this.dialled = dialled;
        this.budget = budget;
    }

    /** Completes when the greeting's first clause went out, or when the rehearsal failed or ran out of time (logged). */
    public Mono<Void> rehearse() {
        return Mono.defer(() -> {
                    long start = System.nanoTime();
                    return call().doOnSuccess(done -> rehearsed = true).doOnSuccess(done -> log.info("call path rehearsed before serving in {} ms",
                            Duration.ofNanos(System.nanoTime() - start).toMillis()));
                })
                .timeout(budget)
                .onErrorResume(failed -> {
                    log.warn("call path rehearsal did not finish ({}); the first call may be slower", failed.toString());
                    return Mono.empty();
                });
    }

    /** Whether a rehearsal got as far as the greeting's first clause. */
    public boolean rehearsed() {
        return rehearsed;
    }

    private Mono<Void> call() {
        TwilioMediaCodec codec = new TwilioMediaCodec(DroppedInput.ignore());
        String sid = "rehearsal-" + UUID.randomUUID();
        CallStarted started = (CallStarted) codec.decode(new WireMessage.Text(startMessage(sid))).getFirst();
        List<InboundEvent> audio = callerAudio(codec, sid);
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
                .map(resolved -> resolved.withAttribute(CallProviders.ATTRIBUTE, simulated))
                .flatMap(resolved -> Mono.when(resolver.warmUp(resolved),
                        pipeline.run(resolved, Flux.fromIterable(audio).concatWith(Flux.never()), observer)
                                .doOnNext(codec::encode)
                                .takeUntil(MarkSent.class::isInstance)
                                .takeUntilOther(firstTurn.asMono())
                                .then()));
    }

    private static String startMessage(String sid) {
        return """
                {"event":"start","sequenceNumber":"1","streamSid":"%s","start":{"streamSid":"%s","callSid":"%s",\
                "tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},\
                "customParameters":{"%s":"fast","%s":"%s"}}}""".formatted(sid, sid, sid,
                LatencyProfiles.PROFILE_PARAMETER, Scenarios.SCENARIO_PARAMETER, Scenarios.AVAILABILITY);
    }

    /** A second of a voiced tone (the simulated caller's first line), then silence that ends the turn. */
    private static List<InboundEvent> callerAudio(TwilioMediaCodec codec, String sid) {
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
