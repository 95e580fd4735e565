package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.trace.SimulatedDelays;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;

/** The server overhead of a turn (TTFB minus the simulated providers' delays) is never negative. */
class SimulatedDelayAccountingTest {

    private final ScriptedSpeechToText stt = new ScriptedSpeechToText();
    private final AtomicReference<SimulatedDelays> delays = new AtomicReference<>();
    private CallHarness call;

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    @Test
    void anEndOfSpeechDelayLongerThanTheCallerWaitedCountsOnlyFromTheCallersSpeechEnd() {
        call = new CallHarness(scheduler -> {
            SpeechToText reporting = (context, audio) -> {
                delays.set(Objects.requireNonNull(context.attribute(SimulatedDelays.ATTRIBUTE, SimulatedDelays.class)));
                return stt.transcribe(context, audio);
            };
            return openUntilSix(reporting, scheduler);
        }).start();
        call.silence(Duration.ofSeconds(3));

        call.speak(Duration.ofMillis(600)).silence(Duration.ofMillis(200));
        // The STT says it waited 1 s for the end of speech: its own clock ran ahead of the caller's,
        // who stopped speaking only 200 ms ago. Summed as reported, the overhead would be about -350 ms.
        delays.get().speechEndDelay(Duration.ofSeconds(1).toNanos(), call.scheduler().now(TimeUnit.NANOSECONDS));
        stt.hears("When do you close?");
        call.silence(Duration.ofSeconds(3));

        TurnTrace trace = call.traces().getFirst();
        assertThat(trace.ttfbNanos()).isPositive();
        assertThat(trace.ttfbNanos() - trace.simulatedDelayNanos()).isNotNegative();
        assertThat(trace.simulatedDelayNanos()).isEqualTo(trace.between(trace.speechEnd(), trace.sttFinal()));
    }

    @Test
    void aLastSpeechFrameThatArrivedLateDatesTheSpeechEndWhenItArrivedNotWhenTheFramesAfterItSayItShouldHave() {
        call = new CallHarness(scheduler -> openUntilSix(stt, scheduler)).start();
        call.silence(Duration.ofSeconds(3));

        // The caller's clock stalls 100 ms before its last voiced frame and then catches up: the caller
        // stopped speaking when that frame went out, 100 ms later than its place in the audio says.
        call.speak(Duration.ofMillis(580)).lastSpeechFrameLate(Duration.ofMillis(100));
        long lastVoicedArrived = call.scheduler().now(TimeUnit.NANOSECONDS);
        call.silence(Duration.ofMillis(200));
        stt.hears("When do you close?");
        call.silence(Duration.ofSeconds(3));

        TurnTrace trace = call.traces().getFirst();
        assertThat(trace.speechEnd()).isEqualTo(lastVoicedArrived);
        assertThat(trace.ttfbNanos()).isPositive();
    }

    /** A call whose model answers "We are open until six." after 300 ms, voiced after 100 ms. */
    private static CallPipeline openUntilSix(SpeechToText speechToText, Scheduler scheduler) {
        ScriptedLanguageModel model = new ScriptedLanguageModel(Duration.ofMillis(300), Duration.ofMillis(10), scheduler);
        model.replies("We are open until six. ");
        return new CallPipeline(speechToText, model, new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler),
                new ToolRegistry(List.of(), Duration.ofSeconds(5)), CallSettings.DEFAULTS.withGreeting("Hello."), scheduler);
    }
}
