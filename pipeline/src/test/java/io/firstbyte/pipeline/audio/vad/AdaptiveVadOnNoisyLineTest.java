package io.firstbyte.pipeline.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adaptive detector on a noisy line: real speech (espeak-ng) 10 dB above steady noise (sox's
 * pink and brown noise, and a television's mix with mains hum), from the fixtures that
 * {@code make-fixtures.sh} wrote beside this test's resources.
 */
class AdaptiveVadOnNoisyLineTest {

    private static final double SPEECH_AT_SECONDS = 3;
    private static final double SNR_DB = 10;
    private static final List<String> NOISES = List.of("pink", "brown", "tv");

    static Stream<Arguments> sentencesOverNoise() {
        return NOISES.stream().flatMap(kind -> Stream.of(-40.0, -35.0, -30.0).flatMap(level ->
                IntStream.rangeClosed(1, 4).mapToObj(sentence -> Arguments.of(sentence, kind, level))));
    }

    @ParameterizedTest(name = "sentence {0} over {1} noise at {2} dBFS")
    @MethodSource("sentencesOverNoise")
    void speechTenDbAboveSteadyNoiseIsFoundWithin100MsOfItsOnsetAndStopsWithin100MsOfItsEnd(
            int number, String kind, double noiseDbfs) {
        NoisyLine.Sentence sentence = NoisyLine.sentence(number, noiseDbfs + SNR_DB);
        double seconds = SPEECH_AT_SECONDS + sentence.samples().length / (double) NoisyLine.RATE + 1.5;
        List<Emitted> events = run(VadSettings.DEFAULTS,
                NoisyLine.noise(kind, noiseDbfs, seconds).mix(sentence.samples(), SPEECH_AT_SECONDS));
        double onset = SPEECH_AT_SECONDS * 1000 + NoisyLine.millisOf(sentence.onset());
        double end = SPEECH_AT_SECONDS * 1000 + NoisyLine.millisOf(sentence.end());

        assertThat(events).as("events").isNotEmpty();
        assertThat(events.getFirst().event()).as("first event %s", events).isInstanceOfSatisfying(SpeechStarted.class,
                started -> assertThat((double) started.atMillis()).as("speech onset (true onset %.0f ms)", onset)
                        .isCloseTo(onset, within(100.0)));
        assertThat(events.getLast().event()).as("last event %s", events).isInstanceOfSatisfying(SpeechStopped.class,
                stopped -> assertThat((double) stopped.atMillis()).as("end of speech (true end %.0f ms)", end)
                        .isCloseTo(end, within(100.0)));
    }

    static Stream<Arguments> steadyNoise() {
        return NOISES.stream().flatMap(kind -> Stream.of(-50.0, -40.0, -35.0, -30.0).map(level -> Arguments.of(kind, level)));
    }

    @ParameterizedTest(name = "{0} noise at {1} dBFS")
    @MethodSource("steadyNoise")
    void sixtySecondsOfSteadyNoiseStartSpeechAtMostOnceEvenWhenSwitchedOnMidCall(String kind, double noiseDbfs) {
        List<Emitted> fromTheStart = run(VadSettings.DEFAULTS, NoisyLine.noise(kind, noiseDbfs, 60));
        List<Emitted> switchedOn = run(VadSettings.DEFAULTS, NoisyLine.silence(2).then(NoisyLine.noise(kind, noiseDbfs, 60)));

        assertThat(starts(fromTheStart)).as("false starts %s", fromTheStart).isLessThanOrEqualTo(1);
        assertThat(starts(switchedOn)).as("false starts %s", switchedOn).isLessThanOrEqualTo(1);
        assertThat(switchedOn.isEmpty() || switchedOn.getLast().event() instanceof SpeechStopped)
                .as("speech taken from the noise as it switched on ends: %s", switchedOn).isTrue();
    }

    @Test
    void theFixedThresholdTakesSteadyNoiseAboveItForSpeechThatNeverEnds() {
        // why the adaptive detector is the default: the energy one hears a television at -35 dBFS as one endless utterance
        NoisyLine.Sentence sentence = NoisyLine.sentence(1, -25);
        NoisyLine line = NoisyLine.noise("tv", -35, 8).mix(sentence.samples(), SPEECH_AT_SECONDS);

        List<Emitted> energy = run(VadSettings.DEFAULTS.withMode(VadSettings.Mode.ENERGY), line);
        List<Emitted> adaptive = run(VadSettings.DEFAULTS, line);

        assertThat(energy).extracting(Emitted::event).containsExactly(new SpeechStarted(0));
        assertThat(adaptive.getLast().event()).isInstanceOf(SpeechStopped.class);
    }

    record Emitted(long frameMillis, SpeechEvent event) {
        @Override
        public String toString() {
            return frameMillis + ":" + event;
        }
    }

    private static long starts(List<Emitted> events) {
        return events.stream().filter(e -> e.event() instanceof SpeechStarted).count();
    }

    private static List<Emitted> run(VadSettings settings, NoisyLine line) {
        VoiceActivityDetector vad = VoiceActivityDetector.create(settings);
        List<Emitted> events = new ArrayList<>();
        for (AudioIn frame : line.frames()) {
            vad.accept(frame).ifPresent(event -> events.add(new Emitted(frame.timestampMillis(), event)));
        }
        return events;
    }
}
