package io.firstbyte.adapters.sim;

import io.firstbyte.adapters.sim.voice.SpeechSynthesizer;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One call's simulated synthesis: clauses in order, each as 100 ms mu-law chunks paced by the latency
 * profile. The pieces of one answer are one synthesis context (as a Cartesia context or an ElevenLabs
 * stream): an answer's first words sent ahead of the rest carry on in the same voice.
 */
final class SimulatedTtsSession implements TtsSession {

    static final int CHUNK_MILLIS = 100;
    private static final long CHUNK_NANOS = Duration.ofMillis(CHUNK_MILLIS).toNanos();
    private static final int CHUNK_SAMPLES = SpeechSynthesizer.SAMPLE_RATE * CHUNK_MILLIS / 1000;

    private final CallContext call;
    private final LatencyProfile profile;
    private final Scheduler scheduler;
    private final @Nullable SimulatedDelays delays;
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final AtomicLong answers = new AtomicLong();
    private volatile boolean disposed;

    SimulatedTtsSession(CallContext call, LatencyProfile profile, Scheduler scheduler) {
        this.call = call;
        this.profile = profile;
        this.scheduler = scheduler;
        this.delays = call.attribute(SimulatedDelays.ATTRIBUTE, SimulatedDelays.class);
    }

    @Override
    public Flux<TtsAudio> speak(Flux<Clause> clauses) {
        return Flux.defer(() -> {
            RandomGenerator random = CallRandom.of(call, "tts", answers.incrementAndGet());
            AtomicReference<@Nullable SpeechSynthesizer> context = new AtomicReference<>();
            return clauses.concatMap(clause -> synthesise(clause, random, context)).takeUntilOther(closed.asMono());
        });
    }

    /** One piece of the answer; the answer's pieces are one synthesis context, so its voice carries on. */
    private Flux<TtsAudio> synthesise(Clause clause, RandomGenerator random, AtomicReference<@Nullable SpeechSynthesizer> context) {
        if (clause.text().isBlank()) {
            return Flux.just(new TtsAudio(clause.index(), new byte[0], AudioFormat.MULAW_8K, true));
        }
        SpeechSynthesizer previous = context.get();
        SpeechSynthesizer voice = previous == null ? new SpeechSynthesizer(clause.text()) : previous.continuing(clause.text());
        context.set(voice);
        int chunks = (voice.totalSamples() + CHUNK_SAMPLES - 1) / CHUNK_SAMPLES;
        Duration firstByte = profile.jittered(profile.ttsFirstByteDelay(), random);
        Duration perChunk = Duration.ofNanos(Math.round(CHUNK_NANOS * profile.ttsRealTimeFactor()));
        return Flux.range(0, chunks).concatMap(i -> after(i == 0 ? firstByte : perChunk, i == 0,
                () -> new TtsAudio(clause.index(), G711.encodeMulaw(voice.next(CHUNK_SAMPLES)), AudioFormat.MULAW_8K, i == chunks - 1)));
    }

    /** A chunk made after {@code delay}; the first byte's delay is reported as simulated. */
    private Mono<TtsAudio> after(Duration delay, boolean firstByte, Supplier<TtsAudio> chunk) {
        if (delay.isZero()) {
            return Mono.fromSupplier(chunk);
        }
        // map, not then(): then() looks up the discard hook through the whole subscriber chain on every chunk.
        return Mono.delay(delay, scheduler).map(tick -> {
            if (firstByte) {
                report(delay);
            }
            return chunk.get();
        });
    }

    private void report(Duration firstByte) {
        if (delays != null) {
            delays.ttsDelay(firstByte.toNanos());
        }
    }

    @Override
    public void dispose() {
        disposed = true;
        closed.tryEmitEmpty();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }
}
