package io.firstbyte.pipeline.audio.vad;

import io.firstbyte.pipeline.audio.VadSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Defaults: voiced from -40 dBFS, speech after 60 ms of it, stopped after 300 ms without it. */
class EnergyVadTest {

    private static final AudioFormat MULAW = AudioFormat.MULAW_8K;

    @Test
    void frameReachingTheThresholdIsVoicedAndOneJustBelowIsNot() {
        VadSettings instant = new VadSettings(-30, Duration.ZERO, Duration.ofMillis(300));
        // -30 dBFS is an RMS of 1036.2: 1037 reaches it, 1035 does not.
        assertThat(run(instant, CallerAudio.in(AudioFormat.PCM16_8K).level(1035, 200))).isEmpty();
        assertThat(run(instant, CallerAudio.in(AudioFormat.PCM16_8K).level(1037, 20)))
                .containsExactly(Map.entry(0L, new SpeechStarted(0)));
    }

    @Test
    void twentyMillisecondClickDoesNotStartSpeech() {
        CallerAudio audio = CallerAudio.in(MULAW).silence(100).speech(20).silence(400).speech(40).silence(400);

        assertThat(run(VadSettings.DEFAULTS, audio)).isEmpty();
    }

    @Test
    void speechStartsOnceItHasLastedTheMinimumAndIsDatedFromItsFirstVoicedFrame() {
        CallerAudio audio = CallerAudio.in(MULAW).silence(100).speech(100);

        assertThat(run(VadSettings.DEFAULTS, audio)).containsExactly(Map.entry(140L, new SpeechStarted(100)));
    }

    @Test
    void pauseShorterThanTheHangoverIsBridged() {
        CallerAudio audio = CallerAudio.in(MULAW).speech(200).silence(280).speech(200).silence(400);

        assertThat(run(VadSettings.DEFAULTS, audio).values())
                .containsExactly(new SpeechStarted(0), new SpeechStopped(680));
    }

    @Test
    void speechStoppedComesAfterTheHangoverAndCarriesTheEndOfTheLastVoicedFrame() {
        CallerAudio audio = CallerAudio.in(MULAW).speech(200).silence(400);

        assertThat(run(VadSettings.DEFAULTS, audio)).containsExactly(
                Map.entry(40L, new SpeechStarted(0)), Map.entry(480L, new SpeechStopped(200)));
    }

    @Test
    void secondUtteranceStartsSpeechAgain() {
        CallerAudio audio = CallerAudio.in(MULAW).speech(100).silence(300).speech(100).silence(300);

        assertThat(run(VadSettings.DEFAULTS, audio).values()).containsExactly(
                new SpeechStarted(0), new SpeechStopped(100), new SpeechStarted(400), new SpeechStopped(500));
    }

    static Stream<AudioFormat> telephonyFormats() {
        return Stream.of(AudioFormat.MULAW_8K, AudioFormat.ALAW_8K, AudioFormat.PCM16_8K, AudioFormat.PCM16_16K,
                AudioFormat.PCM16_24K);
    }

    @ParameterizedTest
    @MethodSource("telephonyFormats")
    void everyTelephonyFormatGivesTheSameEvents(AudioFormat format) {
        // 250 is -42 dBFS: background noise just under the threshold, in every encoding.
        CallerAudio audio = CallerAudio.in(format).silence(60).level(250, 200).silence(20).speech(100).silence(300);

        assertThat(run(VadSettings.DEFAULTS, audio).values()).containsExactly(new SpeechStarted(280), new SpeechStopped(380));
    }

    @Test
    void detectTurnsEachSubscriptionsFramesIntoEventsWithItsOwnState() {
        Flux<SpeechEvent> events = EnergyVad.detect(
                Flux.fromIterable(CallerAudio.in(MULAW).speech(100).silence(300).frames()), VadSettings.DEFAULTS);

        for (int subscription = 0; subscription < 2; subscription++) {
            StepVerifier.create(events)
                    .expectNext(new SpeechStarted(0), new SpeechStopped(100))
                    .verifyComplete();
        }
    }

    /** Feeds the frames to one detector; returns each event keyed by the timestamp of the frame that caused it. */
    private static Map<Long, SpeechEvent> run(VadSettings settings, CallerAudio audio) {
        EnergyVad vad = new EnergyVad(settings);
        Map<Long, SpeechEvent> events = new TreeMap<>();
        for (AudioIn frame : audio.frames()) {
            vad.accept(frame).ifPresent(event -> events.put(frame.timestampMillis(), event));
        }
        return events;
    }
}
