package io.firstbyte.pipeline.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;

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
    void speechTenDbAboveSteadyNoiseStartsWithin100MsOfItsOnsetAndStopsAfterIt(int number, String kind, double noiseDbfs) {
        NoisyLine.Sentence sentence = NoisyLine.sentence(number, noiseDbfs + SNR_DB);
        double seconds = SPEECH_AT_SECONDS + sentence.samples().length / (double) NoisyLine.RATE + 1.5;
        List<Emitted> events = run(VadSettings.DEFAULTS,
                NoisyLine.noise(kind, noiseDbfs, seconds).mix(sentence.samples(), SPEECH_AT_SECONDS));
        double onset = SPEECH_AT_SECONDS * 1000 + NoisyLine.millisOf(sentence.onset());
        double end = SPEECH_AT_SECONDS * 1000 + NoisyLine.millisOf(sentence.end());

        System.out.printf("%d %s %.0f: %s onset %.0f end %.0f%n", number, kind, noiseDbfs, events, onset, end);
        assertThat(events).isNotEmpty();
        SpeechStarted first = (SpeechStarted) events.getFirst().event();
        assertThat((double) first.atMillis()).isCloseTo(onset, org.assertj.core.data.Offset.offset(100.0));
        assertThat(events.getLast().event()).isInstanceOf(SpeechStopped.class);
    }

    static Stream<Arguments> steadyNoise() {
        return NOISES.stream().flatMap(kind -> Stream.of(-50.0, -40.0, -35.0, -30.0).map(level -> Arguments.of(kind, level)));
    }

    @ParameterizedTest(name = "{0} noise at {1} dBFS")
    @MethodSource("steadyNoise")
    void sixtySecondsOfSteadyNoiseStartSpeechAtMostOnce(String kind, double noiseDbfs) {
        List<Emitted> fromTheStart = run(VadSettings.DEFAULTS, NoisyLine.noise(kind, noiseDbfs, 60));
        List<Emitted> switchedOn = run(VadSettings.DEFAULTS, NoisyLine.silence(2).then(NoisyLine.noise(kind, noiseDbfs, 60)));
        System.out.printf("%s %.0f: %s | %s%n", kind, noiseDbfs, fromTheStart, switchedOn);
        assertThat(starts(fromTheStart)).isLessThanOrEqualTo(1);
        assertThat(starts(switchedOn)).isLessThanOrEqualTo(1);
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
