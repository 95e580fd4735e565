package io.firstbyte.pipeline.graph;

import io.firstbyte.pipeline.call.CallPrompt;
import io.firstbyte.pipeline.call.CallScope;
import io.firstbyte.pipeline.call.CallSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CallPipelineTest {

    private static final String GREETING = "Hello, how can I help?";
    private static final String LONG_ANSWER = "Sure thing, Tuesday works. Anna is free at ten and at eleven, and Ben at noon.";

    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private ScriptedTextToSpeech tts;
    private ScriptedTool availability;
    private CallHarness call;
    private CallPipeline pipeline;
    private Duration modelPerToken = Duration.ofMillis(10);

    private CallHarness newCall(Duration toolLatency) {
        return newCall(toolLatency, Duration.ofMillis(300));
    }

    private CallHarness newCall(Duration toolLatency, Duration modelFirstToken) {
        return newCall(toolLatency, modelFirstToken, Map.of());
    }

    private CallHarness newCall(Duration toolLatency, Duration modelFirstToken, Map<String, Object> attributes) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(modelFirstToken, modelPerToken, scheduler);
            tts = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
            availability = new ScriptedTool("check_availability", "{\"slots\":[\"10:00\"]}", toolLatency, scheduler);
            CallSettings settings = CallSettings.DEFAULTS.withGreeting(GREETING);
            pipeline = new CallPipeline(stt, model, tts, new ToolRegistry(List.of(availability), Duration.ofSeconds(5)),
                    settings, scheduler);
            return pipeline;
        });
        return call.start(attributes);
    }

    @AfterEach
    void close() {
        if (call != null) {
            call.close();
        }
    }

    private void callerSays(String text) {
        call.speak(Duration.ofMillis(600)).silence(Duration.ofMillis(200));
        stt.hears(text);
    }

    private List<OutboundEvent> after(int index) {
        List<OutboundEvent> events = call.events();
        return events.subList(index, events.size());
    }

    @Test
    void callerHearsTheGreetingThenAnAnswerToEveryTurn() {
        newCall(Duration.ofMillis(50));
        model.replies("We are open until six. ").replies("You are welcome, goodbye. ");

        call.silence(Duration.ofSeconds(3));
        assertThat(call.events()).filteredOn(AudioOut.class::isInstance).isNotEmpty();
        assertThat(call.events()).contains(new MarkSent("a1-c0"));

        int beforeFirstTurn = call.events().size();
        callerSays("When do you close?");
        call.silence(Duration.ofSeconds(4));
        assertThat(after(beforeFirstTurn)).filteredOn(AudioOut.class::isInstance).hasSizeGreaterThan(20);

        int beforeSecondTurn = call.events().size();
        callerSays("Thanks.");
        call.silence(Duration.ofSeconds(4));
        assertThat(after(beforeSecondTurn)).filteredOn(AudioOut.class::isInstance).hasSizeGreaterThan(20);
        assertThat(call.traces()).extracting(trace -> trace.turn()).containsExactly(1, 2);
        assertThat(model.requests().get(1).messages()).contains(
                ChatMessage.Assistant.said(GREETING), new ChatMessage.User("When do you close?"),
                ChatMessage.Assistant.said("We are open until six."), new ChatMessage.User("Thanks."));
    }

    @Test
    void aCallsOwnPromptAndGreetingReplaceTheConfiguredOnes() {
        newCall(Duration.ofMillis(50), Duration.ofMillis(300), Map.of(CallPrompt.ATTRIBUTE,
                new CallPrompt("You answer for Salon Mara. Today is Saturday, 2026-12-05.", "Salon Mara, hello!")));
        model.replies("We open at nine. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("When do you open?");
        call.silence(Duration.ofSeconds(3));

        assertThat(model.requests().getFirst().messages()).startsWith(
                new ChatMessage.System("You answer for Salon Mara. Today is Saturday, 2026-12-05."),
                ChatMessage.Assistant.said("Salon Mara, hello!"));
    }

    @Test
    void aTransportsOwnPacerLeadBoundsTheAudioSentAheadOfRealTime() {
        newCall(Duration.ofMillis(50), Duration.ofMillis(300), Map.of(CallSettings.PACER_LEAD_ATTRIBUTE, Duration.ofMillis(40)));
        call.silence(Duration.ofSeconds(3));
        long shortLeadBurst = framesSentWithTheFirst(call.sent());
        call.close();

        newCall(Duration.ofMillis(50));
        call.silence(Duration.ofSeconds(3));

        assertThat(shortLeadBurst).as("40 ms ahead, and the frame playing now").isEqualTo(3);
        assertThat(framesSentWithTheFirst(call.sent())).as("the default 120 ms").isEqualTo(7);
    }

    private static long framesSentWithTheFirst(List<CallHarness.Sent> sent) {
        long first = sent.stream().filter(s -> s.event() instanceof AudioOut).mapToLong(CallHarness.Sent::atMillis).min().orElseThrow();
        return sent.stream().filter(s -> s.event() instanceof AudioOut && s.atMillis() == first).count();
    }

    @Test
    void anInterruptionMidClauseSendsTheInterruptionAtOnceAndNoMoreAudioOfThatAnswer() {
        newCall(Duration.ofMillis(50));
        model.replies(LONG_ANSWER).replies("Noon it is. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Is Tuesday possible?");
        call.silence(Duration.ofMillis(2500));

        int beforeBargeIn = call.events().size();
        call.speak(Duration.ofMillis(800));
        List<OutboundEvent> afterBargeIn = after(beforeBargeIn);
        int interruption = indexOfInterruption(afterBargeIn);
        assertThat(interruption).isNotNegative();
        assertThat(afterBargeIn.subList(interruption, afterBargeIn.size())).noneMatch(AudioOut.class::isInstance);
        assertThat(call.bargeInNanos()).singleElement()
                .satisfies(nanos -> assertThat(nanos).isLessThanOrEqualTo(Duration.ofMillis(20).toNanos()));
        assertThat(tts.cancellations()).isEqualTo(1);
    }

    @Test
    void bargeInIsMeasuredFromTheCallersSpeechOnsetToTheLastAgentAudioSent() {
        newCall(Duration.ofMillis(50));
        model.replies(LONG_ANSWER).replies("Noon it is. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Is Tuesday possible?");
        call.silence(Duration.ofMillis(2500));

        // a 20 ms frame arrives once its audio was spoken: the caller began 20 ms before the first one arrived
        long onset = call.nowMillis() - 20;
        call.speak(Duration.ofMillis(800));
        long lastAudio = call.sent().stream().filter(sent -> sent.event() instanceof AudioOut)
                .mapToLong(CallHarness.Sent::atMillis).max().orElseThrow();

        assertThat(lastAudio).as("the agent talked over the caller until the VAD decided").isGreaterThan(onset);
        assertThat(call.bargeInHeardNanos()).singleElement()
                .isEqualTo(Duration.ofMillis(lastAudio - onset).toNanos());
    }

    @Test
    void aTurnsTraceHasWhenItsFirstClauseWentToTheVoiceAndWhenTheModelFinished() {
        newCall(Duration.ofMillis(50));
        model.replies("We are open until six. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("When do you close?");
        call.silence(Duration.ofSeconds(4));

        var trace = call.traces().getFirst();
        assertThat(trace.firstClause()).isBetween(trace.modelFirstToken(), trace.ttsFirstByte());
        assertThat(trace.modelEnd()).isGreaterThanOrEqualTo(trace.modelFirstToken());
    }

    @Test
    void historyKeepsOnlyTheClausesTheCallerHeardBeforeABargeIn() {
        newCall(Duration.ofMillis(50));
        model.replies(LONG_ANSWER).replies("Noon it is. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Is Tuesday possible?");
        call.silence(Duration.ofMillis(2500));
        callerSays("Noon please.");
        call.silence(Duration.ofSeconds(3));

        List<ChatMessage> seen = model.requests().get(1).messages();
        assertThat(seen).contains(ChatMessage.Assistant.said("Sure thing, Tuesday works."));
        assertThat(seen).noneMatch(message -> message instanceof ChatMessage.Assistant said && said.content().contains("Anna"));
    }

    @Test
    void aTurnTheCallerBargedIntoIsTracedAsInterruptedWithOnlyWhatTheCallerHeard() {
        newCall(Duration.ofMillis(50));
        model.replies(LONG_ANSWER).replies("Noon it is. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Is Tuesday possible?");
        call.silence(Duration.ofMillis(2500));
        callerSays("Noon please.");
        call.silence(Duration.ofSeconds(3));

        assertThat(call.traces()).extracting(TurnTrace::turn, TurnTrace::interrupted, TurnTrace::agentText)
                .containsExactly(tuple(1, true, "Sure thing, Tuesday works."), tuple(2, false, "Noon it is."));
    }

    @Test
    void bargeInBeforeTheFirstAudioByteCancelsTheModelAndTheNextTurnIsAnswered() {
        newCall(Duration.ofMillis(50), Duration.ofSeconds(1));
        model.replies("This answer is never heard. ").replies("Here is the answer to your second question. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("First question.");
        call.silence(Duration.ofMillis(400));
        int beforeBargeIn = call.events().size();
        call.speak(Duration.ofMillis(600));
        assertThat(model.cancellations()).isEqualTo(1);

        call.speak(Duration.ofMillis(300)).silence(Duration.ofMillis(200));
        stt.hears("Second question.");
        call.silence(Duration.ofSeconds(4));
        assertThat(after(beforeBargeIn)).filteredOn(AudioOut.class::isInstance).hasSizeGreaterThan(20);
        assertThat(tts.spoken()).doesNotContain("This answer is never heard.");
        assertThat(model.requests().get(1).messages())
                .noneMatch(message -> message instanceof ChatMessage.Assistant said && said.content().contains("never heard"));
    }

    @Test
    void bargeInWhileAToolRunsKeepsEveryToolCallPairedWithItsResult() {
        newCall(Duration.ofSeconds(2));
        ToolCall lookup = new ToolCall("call_1", "check_availability", "{}");
        model.callsTools("", lookup).replies("Ten o'clock is free. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofMillis(800));
        assertThat(availability.started()).isEqualTo(1);

        call.speak(Duration.ofMillis(700)).silence(Duration.ofMillis(200));
        assertThat(call.events()).filteredOn(Interruption.class::isInstance).hasSize(1);
        call.silence(Duration.ofSeconds(2));
        stt.hears("Sorry, what about ten?");
        call.silence(Duration.ofSeconds(4));

        assertThat(availability.completed()).isEqualTo(1);
        assertThat(availability.cancelled()).isZero();
        ModelRequest last = model.requests().getLast();
        assertEveryToolCallAnswered(last.messages());
        assertThat(last.messages()).anyMatch(m -> m instanceof ChatMessage.ToolOutput out && out.toolCallId().equals("call_1"));
        assertThat(tts.spoken()).contains("Ten o'clock is free.");
    }

    @Test
    void aTurnsTraceHoldsEachToolCallWithItsArgumentsAndResultAndOneCutOffWhileRunningAsUnfinished() {
        newCall(Duration.ofSeconds(1));
        model.callsTools("", new ToolCall("call_1", "check_availability", "{\"date\":\"2026-12-08\"}")).replies("Ten is free. ")
                .callsTools("", new ToolCall("call_2", "check_availability", "{\"date\":\"2026-12-09\"}"));
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofSeconds(5));
        callerSays("And Wednesday?");
        call.silence(Duration.ofMillis(600));
        assertThat(availability.started()).isEqualTo(2);
        call.hangUp();

        assertThat(call.traces()).hasSize(2);
        assertThat(call.traces().get(0).tools()).singleElement().satisfies(tool -> {
            assertThat(tool.arguments()).isEqualTo("{\"date\":\"2026-12-08\"}");
            assertThat(tool.result()).isEqualTo("{\"slots\":[\"10:00\"]}");
            assertThat(tool.end()).isGreaterThan(tool.start());
        });
        assertThat(call.traces().get(1).tools()).singleElement().satisfies(tool -> {
            assertThat(tool.arguments()).isEqualTo("{\"date\":\"2026-12-09\"}");
            assertThat(tool.end()).isEqualTo(-1);
        });
    }

    @Test
    void aSlowToolGetsAFillerLineInsteadOfDeadAir() {
        newCall(Duration.ofSeconds(2));
        model.callsTools("", new ToolCall("call_1", "check_availability", "{}")).replies("Ten is free. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofSeconds(5));
        assertThat(tts.spoken()).containsSubsequence("One moment while I check.", "Ten is free.");
    }

    @Test
    void aPreambleBeforeAToolCallIsSpokenWhileTheToolRuns() {
        newCall(Duration.ofSeconds(2));
        // As real models send it: the preamble's last token has no trailing space, then the tool call.
        model.callsTools("Let me check that for you.", new ToolCall("call_1", "check_availability", "{}"))
                .replies("Ten is free. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofSeconds(1));

        assertThat(availability.started()).isEqualTo(1);
        assertThat(availability.completed()).isZero();
        assertThat(tts.spoken()).contains("Let me check that for you.");
        call.silence(Duration.ofSeconds(3));
        assertThat(tts.spoken()).containsSubsequence("Let me check that for you.", "Ten is free.")
                .doesNotContain("One moment while I check.");
    }

    @Test
    void concurrentToolCallsRunTogetherAndAllResultsReachTheModel() {
        newCall(Duration.ofSeconds(1));
        model.callsTools("Let me look. ", new ToolCall("a", "check_availability", "{}"),
                new ToolCall("b", "check_availability", "{}")).replies("Both are free. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Tuesday or Wednesday?");
        call.silence(Duration.ofMillis(1500));
        assertThat(availability.completed()).isEqualTo(2);
        call.silence(Duration.ofSeconds(3));
        List<ChatMessage> second = model.requests().get(1).messages();
        assertThat(second).filteredOn(ChatMessage.ToolOutput.class::isInstance).hasSize(2);
        assertEveryToolCallAnswered(second);
    }

    @Test
    void hangUpReleasesSessionsAndCancelsRunningTools() {
        newCall(Duration.ofSeconds(5));
        model.callsTools("", new ToolCall("call_1", "check_availability", "{}"));
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofMillis(600));
        assertThat(availability.started()).isEqualTo(1);

        call.hangUp();
        assertThat(call.completed()).isTrue();
        assertThat(stt.openSessions()).isZero();
        assertThat(tts.openSessions()).isZero();
        assertThat(availability.cancelled()).isEqualTo(1);
    }

    @Test
    void aToolFindsTheCallsScopeInItsContextAndWorkStartedThereEndsWithTheCall() {
        newCall(Duration.ofMillis(50));
        model.callsTools("", new ToolCall("call_1", "check_availability", "{}")).replies("Ten is free. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("Anything on Tuesday?");
        call.silence(Duration.ofSeconds(2));
        CallScope scope = availability.lastContext().attribute(CallScope.ATTRIBUTE, CallScope.class);
        assertThat(scope).isNotNull();
        scope.detach(Mono.never());
        assertThat(scope.runningCount()).isEqualTo(1);

        call.hangUp();

        assertThat(scope.isDisposed()).isTrue();
        assertThat(scope.runningCount()).isZero();
    }

    @Test
    void anAnswerLeavesTheSharedPacingTickWhenItPlaysOutAndWhenTheCallerHangsUpMidAnswer() {
        newCall(Duration.ofMillis(50));
        model.replies(LONG_ANSWER);
        call.silence(Duration.ofMillis(500));
        assertThat(pipeline.pacing().registered()).as("the greeting is being paced").isEqualTo(1);
        call.silence(Duration.ofSeconds(4));
        assertThat(pipeline.pacing().registered()).as("the greeting played out").isZero();

        callerSays("Any time on Tuesday?");
        call.silence(Duration.ofSeconds(2));
        assertThat(pipeline.pacing().registered()).as("the answer is being paced").isEqualTo(1);
        call.hangUp();
        assertThat(pipeline.pacing().registered()).isZero();
    }

    @Test
    void closedConnectionEndsTheCallLikeAHangUp() {
        newCall(Duration.ofMillis(50));
        call.silence(Duration.ofMillis(500)).disconnect();
        assertThat(call.completed()).isTrue();
        assertThat(stt.openSessions()).isZero();
        assertThat(tts.openSessions()).isZero();
    }

    @Test
    void turnTraceMeasuresTimeToFirstByteFromTheEndOfSpeech() {
        newCall(Duration.ofMillis(50));
        model.replies("We are open until six. ");
        call.silence(Duration.ofSeconds(3));
        callerSays("When do you close?");
        call.silence(Duration.ofSeconds(3));

        var trace = call.traces().getFirst();
        assertThat(trace.transcript()).isEqualTo("When do you close?");
        // speech ended 200 ms before the transcript; model 300 ms + words; TTS first byte 100 ms.
        assertThat(Duration.ofNanos(trace.ttfbNanos())).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
        assertThat(trace.modelFirstToken()).isGreaterThan(trace.turnEnded());
        assertThat(trace.ttsFirstByte()).isGreaterThanOrEqualTo(trace.modelFirstToken());
    }

    private static int indexOfInterruption(List<OutboundEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Interruption) {
                return i;
            }
        }
        return -1;
    }

    private static void assertEveryToolCallAnswered(List<ChatMessage> messages) {
        Set<String> answered = messages.stream()
                .filter(ChatMessage.ToolOutput.class::isInstance)
                .map(m -> ((ChatMessage.ToolOutput) m).toolCallId())
                .collect(Collectors.toSet());
        messages.stream()
                .filter(ChatMessage.Assistant.class::isInstance)
                .flatMap(m -> ((ChatMessage.Assistant) m).toolCalls().stream())
                .forEach(toolCall -> assertThat(answered).as("result for %s", toolCall.id()).contains(toolCall.id()));
    }
}
