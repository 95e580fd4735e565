package io.firstbyte.adapters.sim.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSynthesizerTest {

    private static final String LINE = "Good news: tomorrow at 10:30 am with Anna is free. May I have your name, please?";

    @Test
    void lastsAbout65MsPerCharacterAndAtLeast300Ms() {
        assertThat(SpeechSynthesizer.lengthInSamples("Hello there")).isEqualTo(11 * 65 * 8);
        assertThat(SpeechSynthesizer.lengthInSamples("Hi")).isEqualTo(300 * 8);
        assertThat(render(LINE)).hasSize(LINE.length() * 65 * 8);
    }

    @Test
    void thePitchGlidesWithinAVoiceLikeRangeInsteadOfHoldingATone() {
        short[] samples = render(LINE);
        List<Double> pitches = new ArrayList<>();
        for (int start = 0; start + 400 <= samples.length; start += 800) {
            pitches.add(pitchHz(samples, start, 400));
        }

        DoubleSummaryStatistics range = pitches.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        assertThat(range.getMin()).isGreaterThanOrEqualTo(110);
        assertThat(range.getMax()).isLessThanOrEqualTo(230);
        assertThat(range.getMax() - range.getMin()).isGreaterThan(30);
    }

    @Test
    void theSpectrumChangesFromSyllableToSyllable() {
        short[] samples = render(LINE);
        List<Integer> zeroCrossings = new ArrayList<>();
        for (int start = 0; start + 400 <= samples.length; start += 2000) {
            zeroCrossings.add(zeroCrossings(samples, start, 400));
        }

        int min = zeroCrossings.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = zeroCrossings.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(max).isGreaterThan(min + min / 2);
    }

    @Test
    void theSameTextAlwaysSoundsTheSame() {
        assertThat(render(LINE)).isEqualTo(render(LINE));
        assertThat(render(LINE)).isNotEqualTo(render(LINE.replace("Anna", "Ella")));
    }

    @Test
    void rendersInChunksUntilFinished() {
        SpeechSynthesizer voice = new SpeechSynthesizer("Hi");

        assertThat(voice.next(800)).hasSize(800);
        assertThat(voice.next(8000)).hasSize(1600);
        assertThat(voice.finished()).isTrue();
        assertThat(voice.next(800)).isEmpty();
    }

    @Test
    void anAnswersFirstWordsAndTheRestJoinWithoutTheFadeOfASentenceEnd() {
        SpeechSynthesizer firstWords = new SpeechSynthesizer("Sure, Tuesday at ten");
        short[] head = firstWords.next(firstWords.totalSamples());
        SpeechSynthesizer rest = firstWords.continuing("works for Anna.");
        short[] tail = rest.next(rest.totalSamples());
        short[] standalone = render("Sure, Tuesday at ten.");

        int peak = peak(head, 0, head.length);
        assertThat(peak(head, head.length - 80, 80)).as("the first words end at full voice").isGreaterThan(peak / 8);
        assertThat(peak(tail, 0, 80)).as("the rest starts at full voice").isGreaterThan(peak / 8);
        assertThat(peak(standalone, standalone.length - 8, 8)).as("a sentence of its own fades out").isLessThan(peak / 16);
        assertThat(peak(tail, tail.length - 8, 8)).as("and so does the answer's end").isLessThan(peak / 16);
    }

    private static int peak(short[] samples, int start, int length) {
        int peak = 0;
        for (int i = start; i < start + length; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }

    private static short[] render(String text) {
        SpeechSynthesizer voice = new SpeechSynthesizer(text);
        return voice.next(voice.totalSamples());
    }

    /** The autocorrelation peak between 100 and 250 Hz. */
    private static double pitchHz(short[] samples, int start, int length) {
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = 8000 / 250; lag <= 8000 / 100; lag++) {
            double sum = 0;
            for (int i = start; i < start + length - lag; i++) {
                sum += (double) samples[i] * samples[i + lag];
            }
            if (sum > best) {
                best = sum;
                bestLag = lag;
            }
        }
        return 8000.0 / bestLag;
    }

    private static int zeroCrossings(short[] samples, int start, int length) {
        int crossings = 0;
        for (int i = start + 1; i < start + length; i++) {
            crossings += (samples[i - 1] < 0) != (samples[i] < 0) ? 1 : 0;
        }
        return crossings;
    }
}
