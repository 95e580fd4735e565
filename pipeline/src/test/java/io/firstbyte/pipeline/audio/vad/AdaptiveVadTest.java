package io.firstbyte.pipeline.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Defaults: 6 dB above the learnt background and -40 dBFS, speech after 60 ms, stopped after 300 ms, 2 s noise window. */
class AdaptiveVadTest {

    private static final AudioFormat MULAW = AudioFormat.MULAW_8K;

    @Test
    void onAQuietLineAClickDoesNotStartSpeechAndSpeechIsDatedFromItsFirstVoicedFrame() {
        assertThat(run(CallerAudio.in(MULAW).silence(100).speech(20).silence(400).speech(40).silence(400))).isEmpty();
        assertThat(run(CallerAudio.in(MULAW).silence(100).speech(100).silence(400))).containsExactly(
                Map.entry(140L, new SpeechStarted(100)), Map.entry(480L, new SpeechStopped(200)));
    }

    @Test
    void pauseShorterThanTheHangoverIsBridgedAndALongerOneEndsTheUtterance() {
        CallerAudio audio = CallerAudio.in(MULAW).silence(20).speech(200).silence(280).speech(200).silence(400)
                .speech(100).silence(300);

        assertThat(run(audio).values()).containsExactly(
                new SpeechStarted(20), new SpeechStopped(700), new SpeechStarted(1100), new SpeechStopped(1200));
    }

    static Stream<AudioFormat> telephonyFormats() {
        return EnergyVadTest.telephonyFormats();
    }

    @ParameterizedTest
    @MethodSource("telephonyFormats")
    void everyTelephonyFormatGivesTheSameEventsAndNothingUnderTheAbsoluteFloorIsSpeech(AudioFormat format) {
        // 250 is -42 dBFS: well above digital silence, but under the -40 dBFS floor
        CallerAudio audio = CallerAudio.in(format).silence(60).level(250, 200).silence(20).speech(100).silence(300);

        assertThat(run(audio).values()).containsExactly(new SpeechStarted(280), new SpeechStopped(380));
    }

    @ParameterizedTest
    @MethodSource("telephonyFormats")
    void digitalSilenceAfterSpeechSettlesTheFilterAtZeroNotInSubnormals(AudioFormat format) {
        AdaptiveVad vad = new AdaptiveVad(VadSettings.DEFAULTS);
        CallerAudio.in(format).speech(400).silence(2000).frames().forEach(vad::accept);

        // Left to itself the high-pass's memory rounds into a cycle of subnormal doubles, each frame of
        // silence then costing the CPU about twenty frames of speech (VadFrameBenchmark, QUIET line).
        assertThat(vad.filterMemory()).isZero();
    }

    @Test
    void aSteadySoundBecomesTheBackgroundWithinTheNoiseWindowWhileAShorterOneIsStillSpeech() {
        CallerAudio shorter = CallerAudio.in(MULAW).silence(200).speech(1500).silence(400);
        CallerAudio steady = CallerAudio.in(MULAW).silence(200).speech(6000).silence(400);

        assertThat(run(shorter).values()).containsExactly(new SpeechStarted(200), new SpeechStopped(1700));
        assertThat(run(steady)).hasSize(2).allSatisfy((at, event) -> assertThat(at).isLessThan(200 + 2500 + 300));
    }

    @Test
    void whenALoudSteadySoundStopsAQuieterVoiceIsHeardAtOnce() {
        // -26 dBFS of steady sound from the first frame, then a caller at -38 dBFS
        CallerAudio audio = CallerAudio.in(MULAW).level(1600, 3000).silence(100).level(400, 200).silence(400);

        assertThat(run(audio).values()).containsExactly(new SpeechStarted(3100), new SpeechStopped(3300));
    }

    @Test
    void theSettingsChooseTheDetector() {
        assertThat(VoiceActivityDetector.create(VadSettings.DEFAULTS)).isInstanceOf(AdaptiveVad.class);
        assertThat(VoiceActivityDetector.create(VadSettings.DEFAULTS.withMode(VadSettings.Mode.ENERGY)))
                .isInstanceOf(EnergyVad.class);
    }

    @Test
    void detectGivesEachSubscriptionItsOwnDetector() {
        Flux<SpeechEvent> events = VoiceActivityDetector.detect(
                Flux.fromIterable(CallerAudio.in(MULAW).silence(20).speech(100).silence(300).frames()), VadSettings.DEFAULTS);

        for (int subscription = 0; subscription < 2; subscription++) {
            StepVerifier.create(events)
                    .expectNext(new SpeechStarted(20), new SpeechStopped(120))
                    .verifyComplete();
        }
    }

    /** Feeds the frames to one adaptive detector; returns each event keyed by the timestamp of the frame that caused it. */
    private static Map<Long, SpeechEvent> run(CallerAudio audio) {
        AdaptiveVad vad = new AdaptiveVad(VadSettings.DEFAULTS);
        Map<Long, SpeechEvent> events = new TreeMap<>();
        for (AudioIn frame : audio.frames()) {
            vad.accept(frame).ifPresent(event -> events.put(frame.timestampMillis(), event));
        }
        return events;
    }
}
