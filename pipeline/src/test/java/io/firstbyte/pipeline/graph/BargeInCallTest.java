package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pause, then decide, through a whole call in virtual time: the caller's speech over an answer stops
 * its audio at once without a clear; a backchannel lets the answer carry on where it paused, an
 * interruption clears it and cancels its model and voice. The caller's speech starts 60 ms (three
 * frames) before the VAD says so; the defaults decide a backchannel 100 ms after it ends.
 */
class BargeInCallTest {

    private static final String ANSWER = "Sure thing, Tuesday works. Anna is free at ten and at eleven, and Ben at noon.";

    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private ScriptedTextToSpeech tts;
    private CallHarness call;

    /** A call whose model streams a word every {@code perToken}, past its greeting and into the answer to a first turn. */
    private void callAnsweringFirstTurn(Duration perToken) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(Duration.ofMillis(300), perToken, scheduler);
            tts = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
            return new CallPipeline(stt, model, tts, new ToolRegistry(List.of(), Duration.ofSeconds(5)),
                    CallSettings.DEFAULTS.withGreeting("Hello."), scheduler);
        }).start();
        model.replies(ANSWER).replies("Noon it is. ");
        call.silence(Duration.ofSeconds(2));
        call.speak(Duration.ofMillis(600)).silence(Duration.ofMillis(200));
        stt.hears("Is Tuesday possible?");
        call.silence(Duration.ofMillis(1500));
        assertThat(call.events()).as("the answer is playing").filteredOn(AudioOut.class::isInstance).hasSizeGreaterThan(20);
    }

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    private List<Long> audioSentBetween(long fromMillis, long toMillis) {
        return call.sent().stream().filter(sent -> sent.event() instanceof AudioOut)
                .map(CallHarness.Sent::atMillis).filter(at -> at > fromMillis && at < toMillis).toList();
    }

    @Test
    void aBackchannelPausesTheAnswerWithoutAClearAndItResumesWhereItPaused() {
        callAnsweringFirstTurn(Duration.ofMillis(10));
        long start = call.nowMillis();
        int framesBefore = (int) call.events().stream().filter(AudioOut.class::isInstance).count();

        call.speak(Duration.ofMillis(300)).silence(Duration.ofMillis(200));
        stt.hears("Mm-hmm.");
        call.silence(Duration.ofSeconds(6));

        long paused = start + 40;
        long resumed = start + 360; // 300 ms of speech, then the 80 ms gap: the frame that completes it arrives at 360
        assertThat(audioSentBetween(paused, resumed)).as("no agent audio while the speech is judged").isEmpty();
        assertThat(audioSentBetween(resumed - 1, resumed + 200)).as("the answer carries on").isNotEmpty();
        assertThat(call.events()).noneMatch(Interruption.class::isInstance);
        assertThat(tts.cancellations()).isZero();
        assertThat(tts.spoken()).containsExactly("Hello.", "Sure thing, Tuesday works.",
                "Anna is free at ten and at eleven, and Ben at noon.");
        assertThat(call.events()).contains(new MarkSent("a2-c1"));
        long framesOfAnswer = call.events().stream().filter(AudioOut.class::isInstance).count() - framesBefore;
        assertThat(framesOfAnswer).as("the rest of the answer, every frame of it").isGreaterThan(150);
        assertThat(model.requests()).as("a backchannel is no turn to answer").hasSize(1);
        assertThat(call.traces()).extracting(TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(false, ANSWER));
    }

    @Test
    void anInterruptionClearsTheAnswerAndCancelsItsModelAndVoice() {
        callAnsweringFirstTurn(Duration.ofMillis(150));
        long start = call.nowMillis();
        int before = call.events().size();

        call.speak(Duration.ofMillis(900)).silence(Duration.ofMillis(200));
        stt.hears("No, I meant Wednesday, not Tuesday.");
        call.silence(Duration.ofSeconds(4));

        long interruptedAt = call.sent().stream().filter(sent -> sent.event() instanceof Interruption)
                .mapToLong(CallHarness.Sent::atMillis).findFirst().orElseThrow();
        assertThat(interruptedAt).as("decided once the speech outlasted a backchannel").isEqualTo(start + 500);
        assertThat(audioSentBetween(start + 40, interruptedAt + 1)).as("paused from the onset on").isEmpty();
        assertThat(model.cancellations()).as("the model was still streaming the answer").isEqualTo(1);
        assertThat(tts.cancellations()).isEqualTo(1);
        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().get(1).messages()).contains(new ChatMessage.User("No, I meant Wednesday, not Tuesday."))
                .noneMatch(message -> message instanceof ChatMessage.Assistant said && said.content().contains("Anna"));
        assertThat(call.events().subList(before, call.events().size())).filteredOn(Interruption.class::isInstance).hasSize(1);
    }

    @Test
    void aPauseThatRunsPastItsBoundIsAnInterruption() {
        callAnsweringFirstTurn(Duration.ofMillis(10));
        long start = call.nowMillis();

        // the caller starts speaking, then the line carries nothing to tell whether they go on
        call.speak(Duration.ofMillis(100)).deadLine(Duration.ofSeconds(1));

        long interruptedAt = call.sent().stream().filter(sent -> sent.event() instanceof Interruption)
                .mapToLong(CallHarness.Sent::atMillis).findFirst().orElseThrow();
        assertThat(interruptedAt).as("600 ms after the pause began").isEqualTo(start + 40 + 600);
        assertThat(audioSentBetween(start + 40, start + 2000)).isEmpty();
        assertThat(tts.cancellations()).isEqualTo(1);
    }

    @Test
    void theCallerHearsAtMostTheLeadAfterTheOnsetOfAnInterruption() {
        callAnsweringFirstTurn(Duration.ofMillis(10));
        long onset = call.nowMillis();

        call.speak(Duration.ofMillis(900));

        long lastAudio = call.sent().stream().filter(sent -> sent.event() instanceof AudioOut)
                .mapToLong(CallHarness.Sent::atMillis).max().orElseThrow();
        long heardUntil = lastAudio + 20;
        assertThat(heardUntil - onset).as("the VAD's 60 ms, then at most the 120 ms lead already queued")
                .isLessThanOrEqualTo(60 + 120);
    }
}
