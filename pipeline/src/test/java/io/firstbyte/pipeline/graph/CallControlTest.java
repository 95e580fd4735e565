package io.firstbyte.pipeline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.control.CallControls;
import io.firstbyte.pipeline.control.CallLimits;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.control.EndCallTool;
import io.firstbyte.pipeline.control.KeypadPolicy;
import io.firstbyte.pipeline.control.SilencePolicy;
import io.firstbyte.pipeline.control.SilenceWords;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.EndingTool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.ToolResult;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Call control through a whole call in virtual time: the agent hangs up after its goodbye has played,
 * a silent caller is asked twice whether they are still there and then said goodbye to, and keys
 * typed on the keypad reach the model as the caller's input.
 */
class CallControlTest {

    private static final String GREETING = "Hello, how can I help?";
    private static final SilencePolicy SILENCE = new SilencePolicy(Duration.ofSeconds(8), 2, "Are you still there?",
            "I'll end the call now. Goodbye.");
    private static final ToolCall END_CALL = new ToolCall("call_end", EndCallTool.NAME, "{}");

    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private ScriptedTextToSpeech voice;
    private CallHarness call;

    /** Hands over when it may ({@code ok} in the arguments), like the application's transfer tool. */
    private static final class HandOverTool implements EndingTool {
        static final String TRANSFERRING = "{\"status\":\"transferring\"}";

        @Override
        public ToolSpec spec() {
            return new ToolSpec("transfer_call", "Hand over to a person.", "{\"type\":\"object\",\"properties\":{}}");
        }

        @Override
        public Mono<String> execute(ToolCall toolCall, CallContext context) {
            return Mono.just(toolCall.arguments().contains("ok") ? TRANSFERRING : "{\"status\":\"unavailable\"}");
        }

        @Override
        public @Nullable String endsCall(ToolResult result) {
            return result.content().equals(TRANSFERRING) ? ControlledEnd.TRANSFER.reason() : null;
        }

        @Override
        public Mono<String> handOverTo(CallContext context, String reason) {
            return reason.equals(ControlledEnd.TRANSFER.reason()) ? Mono.just("+15550002222") : Mono.empty();
        }
    }

    private CallHarness newCall(SilencePolicy silence) {
        return newCall(silence, Map.of());
    }

    private CallHarness newCall(SilencePolicy silence, Map<String, Object> attributes) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(Duration.ofMillis(300), Duration.ofMillis(10), scheduler);
            voice = new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler);
            return new CallPipeline(stt, model, voice, new ToolRegistry(List.of(new EndCallTool(), new HandOverTool()), Duration.ofSeconds(5)),
                    CallSettings.DEFAULTS.withGreeting(GREETING), CallLimits.DEFAULTS,
                    new CallControls(silence, KeypadPolicy.DEFAULTS), scheduler);
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

    private long sentAt(Class<? extends OutboundEvent> type) {
        return call.sent().stream().filter(sent -> type.isInstance(sent.event())).mapToLong(CallHarness.Sent::atMillis)
                .max().orElseThrow();
    }

    @Test
    void theAgentHangsUpOnceItsWholeGoodbyeHasPlayedWithoutAskingTheModelAgain() {
        newCall(SilencePolicy.OFF);
        model.callsTools("Goodbye and thank you for calling! ", END_CALL);
        call.silence(Duration.ofSeconds(3));
        int beforeGoodbye = call.events().size();

        callerSays("That's all, thanks.");
        call.silence(Duration.ofSeconds(6));

        assertThat(voice.spoken()).last().isEqualTo("Goodbye and thank you for calling!");
        assertThat(after(beforeGoodbye)).filteredOn(AudioOut.class::isInstance).as("the whole goodbye: 34 chars x 60 ms")
                .hasSize(34 * 60 / 20);
        assertThat(call.events().getLast()).isEqualTo(new EndCall(ControlledEnd.AGENT_ENDED.reason()));
        assertThat(call.completed()).isTrue();
        long end = sentAt(EndCall.class);
        assertThat(end).as("hung up when the goodbye had played, not over it").isGreaterThanOrEqualTo(call.playbackEndsAtMillis())
                .isLessThanOrEqualTo(call.playbackEndsAtMillis() + 20);
        assertThat(model.requests()).as("no second round after a spoken goodbye").hasSize(1);
    }

    @Test
    void theGoodbyeTurnOfACallTheAgentEndsIsTracedAsPlayedOutWithTheWholeGoodbye() {
        newCall(SilencePolicy.OFF);
        model.callsTools("Goodbye and thank you for calling! ", END_CALL);
        call.silence(Duration.ofSeconds(3));
        callerSays("That's all, thanks.");
        call.silence(Duration.ofSeconds(6));

        assertThat(call.completed()).isTrue();
        assertThat(call.traces()).singleElement().satisfies(trace -> {
            assertThat(trace.interrupted()).isFalse();
            assertThat(trace.agentText()).isEqualTo("Goodbye and thank you for calling!");
            assertThat(trace.tools()).extracting(tool -> tool.name()).containsExactly(EndCallTool.NAME);
        });
    }

    @Test
    void anAgentThatHangsUpWithoutAWordIsAskedForItsGoodbyeFirst() {
        newCall(SilencePolicy.OFF);
        model.callsTools("", END_CALL).replies("Goodbye then! ");
        call.silence(Duration.ofSeconds(3));

        callerSays("Nothing else.");
        call.silence(Duration.ofSeconds(5));

        assertThat(voice.spoken()).last().isEqualTo("Goodbye then!");
        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().get(1).messages().getLast()).isInstanceOfSatisfying(ChatMessage.ToolOutput.class,
                output -> assertThat(output.content()).contains("say a short goodbye"));
        assertThat(call.events().getLast()).isEqualTo(new EndCall(ControlledEnd.AGENT_ENDED.reason()));
        assertThat(sentAt(EndCall.class)).isGreaterThanOrEqualTo(call.playbackEndsAtMillis());
    }

    @Test
    void aRepeatedHangUpIsHarmlessAndTheCallerCannotInterruptTheGoodbye() {
        newCall(SilencePolicy.OFF);
        model.callsTools("Goodbye and have a lovely day! ", END_CALL, new ToolCall("call_end2", EndCallTool.NAME, "{}"));
        call.silence(Duration.ofSeconds(3));
        int beforeGoodbye = call.events().size();

        callerSays("Bye.");
        call.silence(Duration.ofMillis(800));
        callerSays("Oh, one more thing!");
        call.silence(Duration.ofSeconds(5));

        assertThat(after(beforeGoodbye)).noneMatch(Interruption.class::isInstance);
        assertThat(call.events()).filteredOn(EndCall.class::isInstance).containsExactly(new EndCall("agent-ended"));
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void aToolResultThatHandsTheCallOverEndsItWithTheToolsNumberOnceItsLineHasPlayed() {
        newCall(SilencePolicy.OFF);
        model.callsTools("Let me put you through now. ", new ToolCall("call_t", "transfer_call", "{\"ok\":true}"));
        call.silence(Duration.ofSeconds(3));

        callerSays("Can I talk to someone?");
        call.silence(Duration.ofSeconds(5));

        assertThat(voice.spoken()).last().isEqualTo("Let me put you through now.");
        assertThat(call.events().getLast()).isEqualTo(new EndCall(ControlledEnd.TRANSFER.reason(), "+15550002222"));
        assertThat(sentAt(EndCall.class)).isGreaterThanOrEqualTo(call.playbackEndsAtMillis());
        assertThat(model.requests()).as("no second round after the line").hasSize(1);
    }

    @Test
    void aToolResultThatDoesNotEndTheCallLetsTheAnswerGoOn() {
        newCall(SilencePolicy.OFF);
        model.callsTools("One moment. ", new ToolCall("call_t", "transfer_call", "{}"))
                .replies("Nobody is free just now; may I take a message? ");
        call.silence(Duration.ofSeconds(3));

        callerSays("Can I talk to someone?");
        call.silence(Duration.ofSeconds(6));

        assertThat(voice.spoken()).last().isEqualTo("Nobody is free just now; may I take a message?");
        assertThat(call.events()).noneMatch(EndCall.class::isInstance);
        assertThat(call.completed()).isFalse();
    }

    @Test
    void aSilentCallerIsAskedTwiceAfterTheGreetingThenToldGoodbyeAndTheCallEnds() {
        newCall(SILENCE);
        call.silence(Duration.ofSeconds(3));
        long greetingPlayed = call.playbackEndsAtMillis();

        call.silence(Duration.ofSeconds(8).minusMillis(call.nowMillis() - greetingPlayed).minusMillis(40));
        assertThat(voice.spoken()).as("still within the silence").containsExactly(GREETING);
        call.silence(Duration.ofSeconds(40));

        assertThat(voice.spoken()).containsExactly(GREETING, "Are you still there?", "Are you still there?",
                "I'll end the call now.", "Goodbye.");
        assertThat(call.events().getLast()).isEqualTo(new EndCall(ControlledEnd.CALLER_SILENT.reason()));
        assertThat(sentAt(EndCall.class)).isGreaterThanOrEqualTo(call.playbackEndsAtMillis());
        assertThat(model.requests()).as("prompts are not the model's").isEmpty();
    }

    @Test
    void aCallInAnotherLanguageAsksAndSaysGoodbyeInItsOwnWords() {
        newCall(SILENCE, Map.of(SilenceWords.ATTRIBUTE, new SilenceWords("Sind Sie noch da?", "Auf Wiederhören.")));
        call.silence(Duration.ofSeconds(45));

        assertThat(voice.spoken()).containsExactly(GREETING, "Sind Sie noch da?", "Sind Sie noch da?", "Auf Wiederhören.");
        assertThat(call.events().getLast()).isEqualTo(new EndCall(ControlledEnd.CALLER_SILENT.reason()));
    }

    @Test
    void aCallerWhoAnswersThePromptIsHeardAndTheSilenceCountStartsOver() {
        newCall(SILENCE);
        model.replies("Sure, which day? ");
        call.silence(Duration.ofSeconds(12));
        assertThat(voice.spoken()).containsExactly(GREETING, "Are you still there?");

        callerSays("Yes, sorry, I'd like a haircut.");
        call.silence(Duration.ofSeconds(20));

        assertThat(voice.spoken()).as("the answer, then the first prompt again, not the goodbye")
                .containsExactly(GREETING, "Are you still there?", "Sure, which day?", "Are you still there?", "Are you still there?");
        assertThat(call.completed()).isFalse();
    }

    @Test
    void aNumberTypedOnTheKeypadReachesTheModelAsOneUserMessage() {
        newCall(SilencePolicy.OFF);
        model.replies("Thanks, I have your number. ");
        call.silence(Duration.ofSeconds(3));

        call.press("0171234567", Duration.ofMillis(300)).silence(Duration.ofSeconds(3));

        assertThat(model.requests()).hasSize(1);
        assertThat(model.requests().getFirst().messages().getLast())
                .isEqualTo(new ChatMessage.User("The caller typed on the keypad: 0171234567"));
        assertThat(String.join(" ", voice.spoken())).as("its first words go to the voice early, the rest after")
                .endsWith("Thanks, I have your number.");
        assertThat(call.humanRequests()).isEmpty();
    }

    @Test
    void theHumanKeyTellsTheModelAndSignalsAHandOver() {
        newCall(SilencePolicy.OFF);
        call.silence(Duration.ofSeconds(3));

        call.press("0", Duration.ofMillis(20)).silence(Duration.ofSeconds(2));

        assertThat(call.humanRequests()).containsExactly("0");
        assertThat(model.requests()).singleElement().satisfies(request -> assertThat(request.messages().getLast())
                .isEqualTo(new ChatMessage.User("The caller pressed 0 to speak to a person.")));
    }

    @Test
    void aKeyPressedWhileTheAgentSpeaksInterruptsIt() {
        newCall(SilencePolicy.OFF);
        call.silence(Duration.ofMillis(500));

        call.press("5", Duration.ofMillis(20));

        assertThat(call.events()).filteredOn(Interruption.class::isInstance).hasSize(1);
        assertThat(voice.cancellations()).isOne();
    }
}
