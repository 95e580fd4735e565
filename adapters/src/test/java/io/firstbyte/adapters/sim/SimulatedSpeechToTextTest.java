package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.EndOfSpeech;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.TranscriptFinal;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.adapters.sim.voice.SpeechSynthesizer;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.event.AudioIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

class SimulatedSpeechToTextTest {

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final TrackingScheduler timers = new TrackingScheduler(time);
    /**
     * The test tone is steady from the first frame, which the default adaptive detector takes for the
     * line's background: these tests time the transcripts, so they listen with the fixed threshold.
     */
    private static final VadSettings TONE_VAD = VadSettings.DEFAULTS.withMode(VadSettings.Mode.ENERGY);

    private final SimulatedSpeechToText stt = new SimulatedSpeechToText(LatencyProfiles.builtIn(), TONE_VAD, timers);
    private final SimulatedDelays delays = new SimulatedDelays();

    @Test
    void interimsRevealEachWordAsItIsSaidThenFinalAndEndOfSpeechFollowAtTheDelayAfterTheLastVoicedFrame() {
        // typical-cloud: end of speech 250 ms, interims at most every 250 ms; jitter off. The caller says a
        // word every 350 ms of speech, as the call simulator's caller does.
        Timeline<SpeechEvent> events = listen(Map.of("jitter", "0", "lines", "book a haircut tomorrow"),
                CallerAudio.script().speak(1400).silence(2000));

        events.advance(Duration.ofSeconds(3));

        assertThat(events.of(TranscriptInterim.class)).extracting(at -> at.value())
                .containsExactly(new TranscriptInterim("book"), new TranscriptInterim("book a"),
                        new TranscriptInterim("book a haircut"), new TranscriptInterim("book a haircut tomorrow"));
        assertThat(events.of(TranscriptInterim.class)).last().extracting(Timeline.At::millis)
                .as("the last word shows as soon as it is said").isEqualTo(1400L);
        // the last voiced frame ends at 1400 ms of caller audio
        assertThat(events.seen().subList(4, 6)).containsExactly(
                new Timeline.At<>(1650L, new TranscriptFinal("book a haircut tomorrow")),
                new Timeline.At<>(1650L, new EndOfSpeech()));
        assertThat(events.seen()).hasSize(6);
    }

    @Test
    void afterAMidSentencePauseTheInterimsRevealTheRestWordByWordAsItIsSaid() {
        // The call simulator sends "I'd like a haircut and | uh, a beard trim" as two lines, one per part;
        // the caller pauses 500 ms between them (typical-cloud: end of speech 250 ms; jitter off).
        Timeline<SpeechEvent> events = listen(Map.of("jitter", "0", "lines", "I'd like a haircut and|uh, a beard trim"),
                CallerAudio.script().speak(1760).silence(500).speak(1400).silence(1500));

        events.advance(Duration.ofSeconds(5));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value).containsExactly(
                new TranscriptFinal("I'd like a haircut and"), new TranscriptFinal("uh, a beard trim"));
        assertThat(events.of(TranscriptFinal.class).getFirst().millis()).as("within the pause").isEqualTo(2010L);
        List<Timeline.At<SpeechEvent>> afterPause = events.of(TranscriptInterim.class).stream()
                .filter(at -> at.millis() > 2260).toList();
        assertThat(afterPause).extracting(Timeline.At::value).containsExactly(new TranscriptInterim("uh,"),
                new TranscriptInterim("uh, a"), new TranscriptInterim("uh, a beard"), new TranscriptInterim("uh, a beard trim"));
        assertThat(afterPause).extracting(Timeline.At::millis)
                .as("a word every 350 ms of the resumed speech (at the end of the 20 ms frame that completes it), not the part at once").containsExactly(2620L, 2960L, 3320L, 3660L);
    }

    @Test
    void aSlowProvidersInterimsComeNoOftenerThanItsIntervalButTheLastWordAtOnce() {
        Timeline<SpeechEvent> events = listen(Map.of("jitter", "0", "profile", "slow", "lines", "one two three four five six"),
                CallerAudio.script().speak(2100).silence(2000));

        events.advance(Duration.ofSeconds(4));

        // slow: at most one interim per 400 ms of speech, so each word shows up to 400 ms after it was said
        assertThat(events.of(TranscriptInterim.class)).extracting(Timeline.At::millis)
                .containsExactly(360L, 760L, 1160L, 1560L, 1960L, 2100L);
        assertThat(events.of(TranscriptInterim.class)).last().extracting(at -> ((TranscriptInterim) at.value()).text())
                .isEqualTo("one two three four five six");
    }

    @Test
    void reportsTheActualDelayFromLastVoicedFrameToTheFinalTranscript() {
        Timeline<SpeechEvent> events = listen(Map.of("jitter", "0"), CallerAudio.script().speak(600).silence(1000));

        events.advance(Duration.ofSeconds(2));

        delays.openTurn();
        assertThat(delays.closeTurn()).isEqualTo(Duration.ofMillis(250).toNanos());
    }

    @Test
    void aLastVoicedFrameThatArrivesLateCountsOnlyFromItsArrival() {
        // The caller's timer sent its last voiced frame (580-600 ms of audio) 15 ms late, then the
        // silence on time: the audio clock counts 250 ms of end-of-speech delay, but a caller that
        // sent that frame at 615 ms had waited 235 ms for the final at 850 ms (overhead -15 ms).
        Flux<AudioIn> frames = Flux.interval(Duration.ofMillis(20), time)
                .concatMap(i -> i == 29 ? Mono.just(i).delayElement(Duration.ofMillis(15), time) : Mono.just(i))
                .map(i -> CallerAudio.frame(i < 30, i * 20));
        Timeline<SpeechEvent> events = Timeline.record(stt.transcribe(call(Map.of("jitter", "0")), frames), time);

        events.advance(Duration.ofSeconds(2));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::millis).containsExactly(850L);
        delays.openTurn();
        assertThat(delays.closeTurn()).isEqualTo(Duration.ofMillis(235).toNanos());
    }

    @Test
    void eachUtteranceTakesTheNextLineAndUtterancesBeyondTheScriptSayOkay() {
        Timeline<SpeechEvent> events = listen(Map.of("lines", "first line | second line"),
                CallerAudio.script().speak(400).silence(800).speak(400).silence(800).speak(400).silence(800));

        events.advance(Duration.ofSeconds(4));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value).containsExactly(
                new TranscriptFinal("first line"), new TranscriptFinal("second line"), new TranscriptFinal("okay"));
    }

    @Test
    void withoutLinesOrScenarioTheCallerPlaysTheBookingScenario() {
        Timeline<SpeechEvent> events = listen(Map.of(), CallerAudio.script().speak(400).silence(800));

        events.advance(Duration.ofSeconds(2));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value)
                .containsExactly(new TranscriptFinal(Scenarios.ALL.get(Scenarios.BOOKING).getFirst()));
    }

    @Test
    void aNamedScenarioChoosesTheLines() {
        Timeline<SpeechEvent> events = listen(Map.of("scenario", "cancel"), CallerAudio.script().speak(400).silence(800));

        events.advance(Duration.ofSeconds(2));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value)
                .containsExactly(new TranscriptFinal(Scenarios.ALL.get(Scenarios.CANCEL).getFirst()));
    }

    @Test
    void aShortPauseInsideAnUtteranceDoesNotEndIt() {
        Timeline<SpeechEvent> events = listen(Map.of("lines", "a|b"),
                CallerAudio.script().speak(400).silence(100).speak(400).silence(800));

        events.advance(Duration.ofSeconds(2));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value).containsExactly(new TranscriptFinal("a"));
    }

    @Test
    void cancellingWhileTheFinalIsPendingLeavesNoTimerBehind() {
        Timeline<SpeechEvent> events = listen(Map.of("jitter", "0"), CallerAudio.script().speak(600).silence(1000));
        events.advance(Duration.ofMillis(800)); // VAD has ended the utterance at 760 ms; the final is due at 850 ms
        assertThat(timers.pendingTasks()).isEqualTo(1);

        events.cancel();
        events.advance(Duration.ofSeconds(2));

        assertThat(timers.pendingTasks()).isZero();
        assertThat(events.of(TranscriptFinal.class)).isEmpty();
        delays.openTurn();
        assertThat(delays.closeTurn()).isZero();
    }

    @Test
    void whenTheAudioEndsTheTranscriptEndsAndDropsThePendingFinal() {
        Timeline<SpeechEvent> events = Timeline.record(
                stt.transcribe(call(Map.of("jitter", "0")), CallerAudio.script().speak(600).silence(160).play(time)), time);

        events.advance(Duration.ofMillis(800));

        assertThat(events.completed()).isTrue();
        assertThat(timers.pendingTasks()).isZero();
        assertThat(events.of(TranscriptFinal.class)).isEmpty();
    }

    @Test
    void speakingAgainBeforeTheFinalIsDueSendsItAtOnceSoTranscriptsStayInOrder() {
        // slow: end of speech 500 ms, VAD hangover 150 ms: the caller resumes 200 ms after stopping
        Timeline<SpeechEvent> events = listen(Map.of("profile", "slow", "jitter", "0", "lines", "a|b"),
                CallerAudio.script().speak(600).silence(200).speak(400).silence(1000));

        events.advance(Duration.ofSeconds(3));

        assertThat(events.of(TranscriptFinal.class)).extracting(Timeline.At::value)
                .containsExactly(new TranscriptFinal("a"), new TranscriptFinal("b"));
        assertThat(events.of(TranscriptFinal.class).getFirst().millis()).isEqualTo(860L);
    }

    @Test
    void theSameCallIdGivesTheSameJitteredTiming() {
        List<Long> first = finalTimes("call-7");
        List<Long> again = finalTimes("call-7");

        assertThat(first).isEqualTo(again);
        // typical-cloud: 250 ms ± 15 % after the last voiced frame at 600 ms
        assertThat(first.getFirst()).isBetween(812L, 888L);
    }

    @ParameterizedTest(name = "background noise {0} dBFS")
    @ValueSource(doubles = {-100, -40, -30})
    void hearsTheSimulatedVoiceAsOneUtterancePerLineEvenOverSteadyNoise(double noiseDbfs) {
        // the bench's callers speak with a synthetic voice: no syllable may be taken for a pause, and
        // with the default (adaptive) detector steady noise under it must not join the lines together
        SimulatedSpeechToText listening = new SimulatedSpeechToText(LatencyProfiles.builtIn(), timers);
        List<String> lines = Scenarios.ALL.get(Scenarios.BOOKING);
        Flux<AudioIn> voice = Flux.fromIterable(frames(lines, noiseDbfs))
                .index((i, frame) -> new AudioIn(frame, AudioFormat.MULAW_8K, i * 20))
                .delayElements(Duration.ofMillis(20), time)
                .concatWith(Flux.never());

        Timeline<SpeechEvent> events = Timeline.record(listening.transcribe(call(Map.of()), voice), time);
        events.advance(Duration.ofSeconds(30));

        assertThat(events.of(TranscriptFinal.class)).extracting(at -> ((TranscriptFinal) at.value()).text())
                .containsExactlyElementsOf(lines);
    }

    /**
     * 20 ms mu-law frames of a second of silence, then each line in the simulated voice followed by a
     * second of silence, with pink noise at {@code noiseDbfs} RMS under all of it.
     */
    private static List<byte[]> frames(List<String> lines, double noiseDbfs) {
        List<short[]> parts = new ArrayList<>();
        parts.add(new short[8000]);
        for (String line : lines) {
            SpeechSynthesizer synthesizer = new SpeechSynthesizer(line);
            parts.add(synthesizer.next(synthesizer.totalSamples()));
            parts.add(new short[8000]);
        }
        short[] samples = new short[parts.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, samples, at, part.length);
            at += part.length;
        }
        double[] noise = pinkNoise(samples.length, noiseDbfs);
        for (int i = 0; i < samples.length; i++) {
            long mixed = Math.round(samples[i] + noise[i]);
            samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mixed));
        }
        byte[] mulaw = G711.encodeMulaw(samples);
        List<byte[]> frames = new ArrayList<>();
        for (int start = 0; start + 160 <= mulaw.length; start += 160) {
            frames.add(Arrays.copyOfRange(mulaw, start, start + 160));
        }
        return frames;
    }

    /** Pink noise at {@code dbfs} RMS: Paul Kellet's filter over seeded white noise. */
    private static double[] pinkNoise(int length, double dbfs) {
        SplittableRandom random = new SplittableRandom(7);
        double[] noise = new double[length];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double white = random.nextDouble(-1, 1);
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            noise[i] = b0 + b1 + b2 + white * 0.1848;
            sum += noise[i] * noise[i];
        }
        double gain = Math.pow(10, dbfs / 20) * 32768 / Math.sqrt(sum / length);
        for (int i = 0; i < length; i++) {
            noise[i] *= gain;
        }
        return noise;
    }

    private List<Long> finalTimes(String callId) {
        VirtualTimeScheduler ownTime = VirtualTimeScheduler.create();
        var ownStt = new SimulatedSpeechToText(LatencyProfiles.builtIn(), TONE_VAD, ownTime);
        CallContext call = new CallContext(callId, "s", "+15550001111", "+15550002222", Map.of(), Map.of());
        Timeline<SpeechEvent> events = Timeline.record(
                ownStt.transcribe(call, CallerAudio.script().speak(600).silence(1000).playThenSilence(ownTime)), ownTime);
        events.advance(Duration.ofSeconds(2));
        return events.of(TranscriptFinal.class).stream().map(Timeline.At::millis).toList();
    }

    private Timeline<SpeechEvent> listen(Map<String, String> parameters, CallerAudio audio) {
        return Timeline.record(stt.transcribe(call(parameters), audio.playThenSilence(time)), time);
    }

    private CallContext call(Map<String, String> parameters) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SimulatedDelays.ATTRIBUTE, delays);
        return new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", parameters, attributes);
    }
}
