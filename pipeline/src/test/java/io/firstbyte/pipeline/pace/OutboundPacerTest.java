package io.firstbyte.pipeline.pace;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.event.TtsAudio;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class OutboundPacerTest {

    private static TtsAudio audio(int clause, int millis, boolean last) {
        return new TtsAudio(clause, new byte[millis * 8], AudioFormat.MULAW_8K, last);
    }

    @Test
    void releasesTheLeadAtOnceThenOneFramePer20Milliseconds() {
        StepVerifier.withVirtualTime(() -> new OutboundPacer(Duration.ofMillis(120), VirtualTimeScheduler.get())
                        .pace(Flux.just(audio(0, 1000, true)), "a1", () -> { }))
                .expectSubscription()
                .expectNextCount(7)
                .expectNoEvent(Duration.ofMillis(19))
                .thenAwait(Duration.ofMillis(1))
                .expectNextCount(1)
                .thenAwait(Duration.ofMillis(20))
                .expectNextCount(1)
                .thenAwait(Duration.ofSeconds(1))
                .expectNextCount(41 + 1)
                .verifyComplete();
    }

    @Test
    void cutsAudioIntoWhole20MillisecondFramesAndMarksTheEndOfEachClause() {
        List<OutboundEvent> out = new OutboundPacer(Duration.ofSeconds(10), VirtualTimeScheduler.create())
                .pace(Flux.just(audio(0, 50, false), audio(0, 15, true), audio(1, 40, true)), "a7", () -> { })
                .collectList().block();
        assertThat(out).hasSize(4 + 1 + 2 + 1);
        assertThat(out.get(4)).isEqualTo(new MarkSent("a7-c0"));
        assertThat(out.get(7)).isEqualTo(new MarkSent("a7-c1"));
        assertThat(out).filteredOn(AudioOut.class::isInstance)
                .allSatisfy(frame -> assertThat(((AudioOut) frame).audio()).hasSize(160));
        byte[] padded = ((AudioOut) out.get(3)).audio();
        assertThat(padded[159]).as("partial frame padded with mu-law silence").isEqualTo((byte) 0xFF);
    }

    @Test
    void theCallersBufferNeverHoldsMoreThanTheLead() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        new OutboundPacer(Duration.ofMillis(120), time).pace(Flux.just(audio(0, 3000, true)), "a1", () -> { })
                .ofType(AudioOut.class)
                .subscribe(frame -> sentAt.add(time.now(java.util.concurrent.TimeUnit.MILLISECONDS)));
        time.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(sentAt).hasSize(150);
        for (int i = 0; i < sentAt.size(); i++) {
            long bufferedMillis = (i + 1) * 20L - sentAt.get(i);
            assertThat(bufferedMillis).as("frame %d", i).isBetween(20L, 140L);
        }
    }

    @Test
    void aFrameThatArrivesAfterPlaybackRanDryIsCountedLate() {
        AtomicInteger late = new AtomicInteger();
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Flux<TtsAudio> stalling = Flux.concat(Flux.just(audio(0, 100, true)),
                Flux.just(audio(1, 100, true)).delaySequence(Duration.ofMillis(500), time));
        new OutboundPacer(Duration.ofMillis(120), time).pace(stalling, "a1", late::incrementAndGet).subscribe();
        time.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(late).hasValue(1);
    }

    @Test
    void cancellingStopsFramesAtOnce() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<OutboundEvent> out = new CopyOnWriteArrayList<>();
        var subscription = new OutboundPacer(Duration.ofMillis(120), time)
                .pace(Flux.just(audio(0, 2000, true)), "a1", () -> { }).subscribe(out::add);
        time.advanceTimeBy(Duration.ofMillis(200));
        subscription.dispose();
        int sent = out.size();
        time.advanceTimeBy(Duration.ofSeconds(3));
        assertThat(out).hasSize(sent);
        assertThat(time.isDisposed()).isFalse();
    }

    @Test
    void noFrameLeavesWhileTheGateIsClosedAndTheNextGoesOutWhenItOpensWithoutCountingLate() {
        AtomicInteger late = new AtomicInteger();
        PlaybackGate gate = new PlaybackGate();
        StepVerifier.withVirtualTime(() -> new OutboundPacer(Duration.ofMillis(120), VirtualTimeScheduler.get(), gate)
                        .pace(Flux.just(audio(0, 1000, true)), "a1", late::incrementAndGet).ofType(AudioOut.class))
                .expectSubscription()
                .expectNextCount(7)
                .then(gate::close)
                .expectNoEvent(Duration.ofMillis(400))
                .then(gate::open)
                .expectNextCount(7)
                .then(() -> assertThat(late).as("a pause is no late frame").hasValue(0))
                .thenAwait(Duration.ofSeconds(2))
                .expectNextCount(50 - 14)
                .verifyComplete();
    }
}
