package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.sim.voice.SpeechSynthesizer;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.tts.Clause;
import io.firstbyte.pipeline.tts.TtsSession;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

class SimulatedTextToSpeechTest {

    /** 25 characters: 1625 ms of audio, 17 chunks (the last one 25 ms). */
    private static final String HELLO = "Hello there, how are you?";
    private static final LatencyProfile EXACT = new LatencyProfile(Duration.ofMillis(250), Duration.ofMillis(250),
            Duration.ofMillis(300), 10, Duration.ofMillis(100), 0.25, 0);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final TrackingScheduler timers = new TrackingScheduler(time);
    private final SimulatedDelays delays = new SimulatedDelays();
    private final TtsSession session = new SimulatedTextToSpeech(
            LatencyProfiles.builtIn().with(Map.of("exact", EXACT)), timers).open(call());

    @Test
    void theFirstChunkComesAfterTheFirstByteDelayAndTheRestAtTheRealTimeFactor() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, HELLO))), time);

        audio.advance(Duration.ofSeconds(5));

        // first byte after 100 ms, then 100 ms of audio every 25 ms (real-time factor 0.25)
        assertThat(audio.seen()).extracting(Timeline.At::millis)
                .containsExactlyElementsOf(LongStream.range(0, 17).map(i -> 100 + 25 * i).boxed().toList());
        assertThat(audio.completed()).isTrue();
    }

    @Test
    void chunksHold100MsOfMulawAndOnlyTheClausesLastChunkIsMarkedLast() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, HELLO))), time);

        audio.advance(Duration.ofSeconds(5));

        List<TtsAudio> chunks = audio.values();
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.format()).isEqualTo(AudioFormat.MULAW_8K));
        assertThat(chunks.subList(0, 16)).allSatisfy(chunk -> {
            assertThat(chunk.audio()).hasSize(800);
            assertThat(chunk.lastOfClause()).isFalse();
        });
        assertThat(chunks.getLast().lastOfClause()).isTrue();
        assertThat(chunks.stream().mapToInt(chunk -> chunk.audio().length).sum()).isEqualTo(SpeechSynthesizer.lengthInSamples(HELLO));
    }

    @Test
    void clausesAreSpokenInOrderEachTaggedWithItsIndex() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, "Sure."), new Clause(1, HELLO))), time);

        audio.advance(Duration.ofSeconds(5));

        // "Sure." is 325 ms: four chunks at 100, 125, 150, 175 ms; the next clause starts 100 ms later
        assertThat(audio.seen()).extracting(at -> at.value().clauseIndex()).startsWith(0, 0, 0, 0, 1).endsWith(1);
        assertThat(audio.seen().get(4).millis()).isEqualTo(275L);
        assertThat(audio.values()).filteredOn(TtsAudio::lastOfClause).extracting(TtsAudio::clauseIndex).containsExactly(0, 1);
    }

    @Test
    void theSpeechIsLoudEnoughForTheDefaultVadInEveryFrame() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0,
                "Tomorrow I have 9 am with Anna, 10 am with Ben or 10:30 am with Anna. Which time suits you?"))), time);
        audio.advance(Duration.ofSeconds(10));

        short[] samples = G711.decodeMulaw(concatenated(audio.values()));
        // every 20 ms frame except the faded first and last one
        for (int frame = 1; frame < samples.length / 160 - 1; frame++) {
            double level = Pcm16.levelDbfs(Arrays.copyOfRange(samples, frame * 160, frame * 160 + 160));
            assertThat(level).as("frame %d", frame).isGreaterThan(VadSettings.DEFAULTS.thresholdDbfs() + 5);
        }
        assertThat(Pcm16.levelDbfs(samples)).isBetween(-26.0, -10.0);
    }

    @Test
    void reportsEachClausesFirstByteDelay() {
        delays.openTurn();
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, "Sure."), new Clause(1, HELLO))), time);

        audio.advance(Duration.ofSeconds(5));

        assertThat(delays.closeTurn()).isEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void cancellingAnAnswerStopsItsAudioAndTimersAtOnce() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, HELLO))), time);
        audio.advance(Duration.ofMillis(130));

        audio.cancel();
        audio.advance(Duration.ofSeconds(5));

        assertThat(audio.seen()).hasSize(2);
        assertThat(timers.pendingTasks()).isZero();
    }

    @Test
    void disposingTheSessionEndsTheAnswerInProgressAndAnyLaterOne() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(0, HELLO))), time);
        audio.advance(Duration.ofMillis(130));

        session.dispose();
        Timeline<TtsAudio> later = Timeline.record(session.speak(Flux.just(new Clause(0, HELLO))), time);
        audio.advance(Duration.ofSeconds(5));

        assertThat(session.isDisposed()).isTrue();
        assertThat(audio.completed()).isTrue();
        assertThat(audio.seen()).hasSize(2);
        assertThat(later.completed()).isTrue();
        assertThat(later.seen()).isEmpty();
        assertThat(timers.pendingTasks()).isZero();
    }

    @Test
    void aBlankClauseGivesOneEmptyLastChunk() {
        Timeline<TtsAudio> audio = Timeline.record(session.speak(Flux.just(new Clause(3, " "))), time);

        audio.advance(Duration.ofSeconds(1));

        assertThat(audio.values()).singleElement().satisfies(chunk -> {
            assertThat(chunk.clauseIndex()).isEqualTo(3);
            assertThat(chunk.audio()).isEmpty();
            assertThat(chunk.lastOfClause()).isTrue();
        });
    }

    private static byte[] concatenated(List<TtsAudio> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(chunk -> out.writeBytes(chunk.audio()));
        return out.toByteArray();
    }

    private CallContext call() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SimulatedDelays.ATTRIBUTE, delays);
        return new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", Map.of("profile", "exact"), attributes);
    }
}
