package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.call.SpeculationSettings;
import io.firstbyte.pipeline.call.TurnSettings;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.testing.ScriptedTool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers started before the turn is confirmed, through the whole call graph in virtual time: the
 * caller pauses with an interim transcript in hand, the answer starts and is held; the final
 * transcript confirms it (released at once) or discards it without trace.
 */
class SpeculativeAnswerTest {

    private static final String ASKED = "book a haircut tomorrow";
    private static final String ANSWER = "Sure, I can book that for you. ";

    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private ScriptedTextToSpeech tts;
    private ScriptedTool availability;
    private ScriptedTool booking;
    private CallHarness call;

    private CallHarness newCall(SpeculationSettings speculation) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(Duration.ofMillis(300), Duration.ofMillis(10), scheduler);
            tts = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
            availability = new ScriptedTool("check_availability", "{\"slots\":[\"10:00\"]}", Duration.ofMillis(50), scheduler)
                    .readOnly();
            booking = new ScriptedTool("create_booking", "{\"status\":\"booked\"}", Duration.ofMillis(50), scheduler);
            CallSettings settings = CallSettings.DEFAULTS.withGreeting("Hello.")
                    .withTurn(new TurnSettings(Duration.ofMillis(700), true, speculation));
            return new CallPipeline(stt, model, tts, new ToolRegistry(List.of(availability, booking), Duration.ofSeconds(5)),
                    settings, scheduler);
        });
        call.start();
        call.silence(Duration.ofSeconds(3));
        return call;
    }

    private CallHarness newCall() {
        return newCall(SpeculationSettings.DEFAULTS);
    }

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    /** The caller says {@code interim} (heard so far), then pauses for {@code pause}. */
    private void callerSaysThenPauses(String interim, Duration pause) {
        call.speak(Duration.ofMillis(600));
        stt.emit(new TranscriptInterim(interim));
        call.silence(pause);
    }

    /** The marks of the clauses the caller was sent from {@code fromMillis} on. */
    private List<String> marksSentFrom(long fromMillis) {
        return call.sent().stream()
                .filter(sent -> sent.atMillis() >= fromMillis && sent.event() instanceof MarkSent)
                .map(sent -> ((MarkSent) sent.event()).name()).toList();
    }

    private long firstAudioAfter(long fromMillis) {
        return call.sent().stream()
                .filter(sent -> sent.event() instanceof AudioOut && sent.atMillis() >= fromMillis)
                .mapToLong(CallHarness.Sent::atMillis).min().orElse(-1);
    }

    @Test
    void aConfirmedTurnReleasesTheHeldAnswerAtOnceAndTheHistoryHoldsItOnce() {
        newCall();
        model.replies(ANSWER).replies("Goodbye. ");
        long pauseStarted = call.nowMillis() + 600;
        callerSaysThenPauses(ASKED, Duration.ofMillis(700));

        assertThat(model.requests()).as("started during the pause").hasSize(1);
        assertThat(firstAudioAfter(pauseStarted)).as("held: nothing reaches the caller before the turn ends").isEqualTo(-1);
        long finalArrived = call.nowMillis();
        stt.hears("Book a haircut, um, tomorrow.");
        call.silence(Duration.ofSeconds(3));

        assertThat(firstAudioAfter(finalArrived) - finalArrived).as("released at once").isLessThanOrEqualTo(20);
        assertThat(model.requests()).as("no second request for the same turn").hasSize(1);
        assertThat(tts.spoken()).containsOnlyOnce("Sure, I can book", "that for you.");
        TurnTrace trace = call.traces().getFirst();
        assertThat(trace.speculation()).isEqualTo(new TurnTrace.Speculation(true, 0, 0, 0));
        assertThat(trace.transcript()).isEqualTo("Book a haircut, um, tomorrow.");

        call.speak(Duration.ofMillis(600)).silence(Duration.ofMillis(200));
        stt.hears("Thanks.");
        call.silence(Duration.ofSeconds(3));
        List<ChatMessage> next = model.requests().getLast().messages();
        assertThat(next).filteredOn(ChatMessage.User.class::isInstance)
                .containsExactly(new ChatMessage.User("Book a haircut, um, tomorrow."), new ChatMessage.User("Thanks."));
        assertThat(next).filteredOn(m -> m instanceof ChatMessage.Assistant said && said.content().contains("book that"))
                .containsExactly(ChatMessage.Assistant.said("Sure, I can book that for you."));
    }

    @Test
    void anAnswerToATranscriptThatReadsCompleteStartsOneSilentFrameIntoThePause() {
        newCall();
        model.replies(ANSWER);
        call.speak(Duration.ofMillis(600));
        stt.emit(new TranscriptInterim("Book a haircut tomorrow."));
        call.silence(Duration.ofMillis(20));

        assertThat(model.requests()).as("started after 20 ms of silence").hasSize(1);
        long finalArrived = call.nowMillis() + 600;
        call.silence(Duration.ofMillis(600));
        stt.hears("Book a haircut tomorrow.");
        call.silence(Duration.ofSeconds(3));
        assertThat(firstAudioAfter(finalArrived) - finalArrived).as("released at once").isLessThanOrEqualTo(20);
        assertThat(call.traces().getFirst().speculation()).isEqualTo(new TurnTrace.Speculation(true, 0, 0, 0));
    }

    @Test
    void anAnswerToAnOpenTranscriptWaitsForTheLongerPause() {
        newCall();
        model.replies(ANSWER);
        call.speak(Duration.ofMillis(600));
        stt.emit(new TranscriptInterim("book a haircut tomorrow"));
        call.silence(Duration.ofMillis(60));
        assertThat(model.requests()).as("no closing punctuation: not after 60 ms, a gap between words").isEmpty();
        call.silence(Duration.ofMillis(20));
        assertThat(model.requests()).as("after 80 ms").hasSize(1);
    }

    @Test
    void theCallerSpeakingAgainDiscardsTheHeldAnswerWithoutTrace() {
        newCall();
        model.replies("This early answer is never heard by anyone at all on this call. ").replies("Tomorrow at ten works. ");
        long spokeAt = call.nowMillis();
        callerSaysThenPauses("book a haircut", Duration.ofMillis(400));
        assertThat(model.requests()).hasSize(1);
        assertThat(tts.spoken()).as("the held answer is being synthesised").contains("This early answer is");

        call.speak(Duration.ofMillis(400));
        assertThat(model.cancellations()).as("the speculative request is cancelled").isEqualTo(1);
        assertThat(tts.cancellations()).as("and its synthesis").isEqualTo(1);
        call.silence(Duration.ofMillis(200));
        long finalArrived = call.nowMillis();
        stt.hears("Book a haircut tomorrow at ten.");
        call.silence(Duration.ofSeconds(3));

        assertThat(firstAudioAfter(spokeAt)).as("nothing reached the caller before the fresh answer")
                .isGreaterThanOrEqualTo(finalArrived + 400);
        assertThat(marksSentFrom(spokeAt)).as("one answer, one clause").hasSize(1);
        assertThat(tts.spoken()).contains("Tomorrow at ten works.");
        assertThat(call.traces()).singleElement().satisfies(trace -> {
            assertThat(trace.speculation().used()).isFalse();
            assertThat(trace.speculation().discarded()).isEqualTo(1);
            assertThat(trace.speculation().wastedModelRequests()).isEqualTo(1);
        });
        assertThat(model.requests().getLast().messages()).noneMatch(message ->
                message instanceof ChatMessage.Assistant said && said.content().contains("never heard"));
    }

    @Test
    void aFinalTranscriptThatSaysSomethingElseDiscardsTheHeldAnswerAndTheTurnIsAnsweredAfresh() {
        newCall();
        model.replies("A haircut it is. ").replies("A colour it is. ");
        long spokeAt = call.nowMillis();
        callerSaysThenPauses("book a haircut", Duration.ofMillis(700));
        assertThat(tts.spoken()).as("the held answer was synthesised").contains("A haircut it is.");
        long finalArrived = call.nowMillis();
        stt.hears("Book a colour.");
        call.silence(Duration.ofSeconds(3));

        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().getLast().messages()).endsWith(new ChatMessage.User("Book a colour."));
        assertThat(firstAudioAfter(spokeAt)).as("nothing of the held answer reached the caller")
                .isGreaterThanOrEqualTo(finalArrived + 400);
        assertThat(marksSentFrom(spokeAt)).as("only the fresh answer's one clause").hasSize(1);
        assertThat(model.requests().getLast().messages())
                .noneMatch(message -> message instanceof ChatMessage.Assistant said && said.content().contains("haircut"));
        assertThat(call.traces()).singleElement()
                .satisfies(trace -> assertThat(trace.speculation()).isEqualTo(new TurnTrace.Speculation(false, 1, 1, 4)));
    }

    @Test
    void aToolWithSideEffectsWaitsForTheConfirmedTurnWhileAReadOnlyOneRunsAtOnce() {
        newCall();
        model.callsTools("", new ToolCall("c1", "check_availability", "{}"), new ToolCall("c2", "create_booking", "{}"))
                .replies("You are booked. ");
        callerSaysThenPauses("yes please book it", Duration.ofMillis(700));

        assertThat(availability.started()).as("read-only: runs speculatively").isEqualTo(1);
        assertThat(booking.started()).as("side effect: waits for the turn").isZero();
        long confirmedAt = call.nowMillis();
        stt.hears("Yes, please book it.");
        call.silence(Duration.ofSeconds(3));

        assertThat(booking.started()).isEqualTo(1);
        assertThat(booking.startedAt()).allSatisfy(at -> assertThat(at).isGreaterThanOrEqualTo(confirmedAt));
        assertThat(tts.spoken()).contains("You are booked.");
        List<ChatMessage> history = model.requests().getLast().messages();
        assertThat(history.indexOf(new ChatMessage.User("Yes, please book it.")))
                .as("the caller's words come before the answer's tool exchanges")
                .isLessThan(indexOfToolOutput(history, "c1"));
    }

    @Test
    void aDiscardedSpeculationNeverRunsAToolWithSideEffects() {
        newCall();
        model.callsTools("", new ToolCall("c1", "create_booking", "{}")).replies("Which day would you like? ");
        callerSaysThenPauses("book it", Duration.ofMillis(700));
        stt.hears("Book it for next week instead.");
        call.silence(Duration.ofSeconds(3));

        assertThat(booking.started()).isZero();
        assertThat(model.requests().getLast().messages())
                .noneMatch(message -> message instanceof ChatMessage.ToolOutput || message instanceof ChatMessage.Assistant said
                        && !said.toolCalls().isEmpty());
    }

    @Test
    void aReadOnlyToolResultOfADiscardedSpeculationNeverEntersTheHistory() {
        newCall();
        model.callsTools("", new ToolCall("c1", "check_availability", "{}")).replies("Never said. ")
                .replies("A colour then. ");
        callerSaysThenPauses("book a haircut", Duration.ofMillis(700));
        assertThat(availability.completed()).isEqualTo(1);
        stt.hears("Book a colour.");
        call.silence(Duration.ofSeconds(3));

        assertThat(model.requests().getLast().messages()).noneMatch(ChatMessage.ToolOutput.class::isInstance);
    }

    @Test
    void withSpeculationOffTheAnswerStartsOnlyWhenTheTurnEnds() {
        newCall(SpeculationSettings.OFF);
        model.replies(ANSWER);
        callerSaysThenPauses(ASKED, Duration.ofMillis(700));
        assertThat(model.requests()).isEmpty();
        long finalArrived = call.nowMillis();
        stt.hears("Book a haircut tomorrow.");
        call.silence(Duration.ofSeconds(3));

        assertThat(firstAudioAfter(finalArrived) - finalArrived).as("model and voice on the critical path")
                .isGreaterThanOrEqualTo(400);
        assertThat(call.traces().getFirst().speculation()).isEqualTo(TurnTrace.Speculation.NONE);
    }

    private static int indexOfToolOutput(List<ChatMessage> messages, String callId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) instanceof ChatMessage.ToolOutput out && out.toolCallId().equals(callId)) {
                return i;
            }
        }
        return -1;
    }
}
