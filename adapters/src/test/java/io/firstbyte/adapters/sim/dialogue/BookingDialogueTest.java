package io.firstbyte.adapters.sim.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.sim.Scenarios;
import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.llm.ModelRequest;
import io.firstbyte.pipeline.tool.ToolCall;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BookingDialogueTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String TOMORROWS_SLOTS = """
            {"date":"2026-11-24","slots":[{"start":"2026-11-24T09:00","staff":"Anna"},
            {"start":"2026-11-24T10:00","staff":"Ben"},{"start":"2026-11-24T10:30","staff":"Anna"},
            {"start":"2026-11-24T14:00","staff":"Anna"}]}""";

    @Test
    void theBookingScenarioEndsInACreateBookingCallWithTheGatheredDetails() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(TOMORROWS_SLOTS, confirmed()), TODAY);
        List<String> lines = Scenarios.ALL.get(Scenarios.BOOKING);

        String first = conversation.caller(lines.get(0));
        String second = conversation.caller(lines.get(1));
        String third = conversation.caller(lines.get(2));
        String last = conversation.caller(lines.get(3));

        assertThat(conversation.calls()).extracting(ToolCall::name)
                .containsExactly(Toolbox.CHECK_AVAILABILITY, Toolbox.CREATE_BOOKING);
        assertThat(json(conversation.calls().get(0))).isEqualTo(json("""
                {"service":"Haircut","date":"2026-11-24"}"""));
        assertThat(json(conversation.calls().get(1))).isEqualTo(json("""
                {"service":"Haircut","start":"2026-11-24T10:30","customer_name":"Sam Taylor",
                 "customer_phone":"+15550001111","idempotency_key":"call-1-2026-11-24T10:30"}"""));
        assertThat(first).isEqualTo("Tomorrow I have 9 am with Anna, 10 am with Ben or 10:30 am with Anna. Which time suits you?");
        assertThat(second).isEqualTo("Good news: tomorrow at 10:30 am with Anna is free. May I have your name, please?");
        assertThat(third).startsWith("You're all booked: a haircut tomorrow at 10:30 am with Anna. Your booking reference is BK-7.");
        assertThat(last).isEqualTo(BookingDialogue.GOODBYE);
    }

    @Test
    void whenTheAskedTimeIsTakenAYesWithTheNameBooksTheFirstTimeOffered() {
        String tenThirtyTaken = """
                {"date":"2026-11-24","slots":[{"start":"2026-11-24T09:00","staff":"Anna"},
                {"start":"2026-11-24T10:00","staff":"Ben"},{"start":"2026-11-24T11:00","staff":"Anna"},
                {"start":"2026-11-24T14:00","staff":"Anna"}]}""";
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(tenThirtyTaken, confirmed()), TODAY);
        List<String> lines = Scenarios.ALL.get(Scenarios.BOOKING);

        conversation.caller(lines.get(0));
        String second = conversation.caller(lines.get(1));
        String third = conversation.caller(lines.get(2));

        assertThat(second).isEqualTo("I'm sorry, 10:30 am tomorrow isn't free. I could do 9 am with Anna, "
                + "10 am with Ben or 11 am with Anna. Would one of those work?");
        assertThat(conversation.calls()).extracting(ToolCall::name)
                .containsExactly(Toolbox.CHECK_AVAILABILITY, Toolbox.CREATE_BOOKING);
        assertThat(json(conversation.calls().get(1)).path("start").stringValue()).isEqualTo("2026-11-24T09:00");
        assertThat(json(conversation.calls().get(1)).path("customer_name").stringValue()).isEqualTo("Sam Taylor");
        assertThat(third).startsWith("You're all booked: a haircut tomorrow at 9 am");
    }

    @Test
    void aPlainYesWithoutAnOfferOnTheTableBooksNothing() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(TOMORROWS_SLOTS, confirmed()), TODAY);
        conversation.caller("Hi, I'd like to book a haircut tomorrow please.");
        conversation.caller("Yes.");
        assertThat(conversation.calls()).extracting(ToolCall::name).containsExactly(Toolbox.CHECK_AVAILABILITY);
    }

    @Test
    void aToolCallComesAfterAShortPreambleAndIdsAreNumberedThroughTheConversation() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(TOMORROWS_SLOTS, confirmed()), TODAY);

        conversation.caller("I'd like a haircut tomorrow at 10:30, my name is Sam Taylor.");
        conversation.caller("Great. Could you book another haircut for the 25th at 9 am?");

        assertThat(conversation.spoken().getFirst()).isEqualTo("Let me book that for you.");
        assertThat(conversation.calls()).extracting(ToolCall::id).containsExactly("call_1", "call_2");
        assertThat(json(conversation.calls().get(1)).path("start").stringValue()).isEqualTo("2026-11-25T09:00");
    }

    @Test
    void asksForTheServiceThenTheDayThenTheName() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(TOMORROWS_SLOTS, confirmed()), TODAY);

        assertThat(conversation.caller("Hi, I'd like to book an appointment.")).contains("Which service");
        assertThat(conversation.caller("A beard trim.")).isEqualTo("What day would you like to come in for a beard trim?");
        assertThat(conversation.caller("Tomorrow at 2 pm.")).endsWith(BookingDialogue.ASK_NAME);
        assertThat(conversation.caller("Sam Taylor.")).startsWith("You're all booked: a beard trim tomorrow at 2 pm");
    }

    @Test
    void withoutToolsItAsksPolitelyAndNeverClaimsAvailability() {
        Conversation conversation = new Conversation(List.of(), call -> {
            throw new AssertionError("no tools were offered");
        }, TODAY);
        List<String> lines = Scenarios.ALL.get(Scenarios.BOOKING);

        String first = conversation.caller(lines.get(0));
        String second = conversation.caller(lines.get(1));
        String third = conversation.caller(lines.get(2));

        assertThat(conversation.calls()).isEmpty();
        assertThat(first).isEqualTo("What time would suit you?");
        assertThat(second).isEqualTo(BookingDialogue.ASK_NAME);
        assertThat(third).contains("can't confirm a haircut tomorrow at 10:30 am").doesNotContain("booked");
    }

    @Test
    void aToolThatIsNotOfferedIsNeverCalled() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS.subList(0, 1), calendar(TOMORROWS_SLOTS, confirmed()), TODAY);

        conversation.caller("A haircut tomorrow at 10:30 please, my name is Sam.");

        assertThat(conversation.calls()).extracting(ToolCall::name).doesNotContain(Toolbox.CREATE_BOOKING);
        assertThat(conversation.spoken().getLast()).contains("can't confirm");
    }

    @Test
    void aConflictOffersTheAlternativesAndBooksTheOneChosen() {
        String conflict = """
                {"status":"conflict","alternatives":[{"start":"2026-11-24T11:00","staff":"Ben"},
                {"start":"2026-11-24T14:00","staff":"Anna"}]}""";
        Function<ToolCall, String> calendar = call -> call.arguments().contains("10:30") ? conflict : confirmed().apply(call);
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar, TODAY);

        String answer = conversation.caller("Book me a haircut tomorrow at 10:30, my name is Sam Taylor.");
        conversation.caller("11 am then, please.");

        assertThat(answer).isEqualTo("I'm sorry, 10:30 am was just taken. I can offer 11 am with Ben or 2 pm with Anna. "
                + "Which would you like?");
        assertThat(json(conversation.calls().getLast()).path("start").stringValue()).isEqualTo("2026-11-24T11:00");
    }

    @Test
    void aTimeThatIsNotFreeGetsTheNearestFreeTimes() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(TOMORROWS_SLOTS, confirmed()), TODAY);

        String answer = conversation.caller("Can I book a haircut tomorrow at 11 am?");

        assertThat(answer).isEqualTo("I'm sorry, 11 am tomorrow isn't free. I could do 9 am with Anna, 10 am with Ben "
                + "or 10:30 am with Anna. Would one of those work?");
    }

    @Test
    void anEmptyDayLooksForTheNextOpeningWhichTheCallerCanAccept() {
        Function<ToolCall, String> calendar = call -> switch (call.name()) {
            case Toolbox.CHECK_AVAILABILITY -> "{\"date\":\"2026-11-24\",\"slots\":[]}";
            case Toolbox.FIND_NEXT_AVAILABLE -> "{\"slots\":[{\"start\":\"2026-11-26T09:30\",\"staff\":\"Carla\"}]}";
            default -> confirmed().apply(call);
        };
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar, TODAY);

        String answer = conversation.caller("Do you have a colour tomorrow? My name is Sam.");
        conversation.caller("Yes please.");

        assertThat(conversation.spoken()).contains("There's nothing free tomorrow. Let me find the next opening.");
        assertThat(json(conversation.calls().get(1))).isEqualTo(json("""
                {"service":"Colour","after":"2026-11-25T00:00"}"""));
        assertThat(answer).isEqualTo("The next opening for a colour appointment is on Thursday at 9:30 am with Carla. "
                + "Would you like me to book it?");
        assertThat(json(conversation.calls().getLast()).path("start").stringValue()).isEqualTo("2026-11-26T09:30");
    }

    @Test
    void aFailingCalendarGetsAnHonestSentence() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, call -> "{\"error\":\"timeout\"}", TODAY);

        String answer = conversation.caller("A haircut tomorrow please.");

        assertThat(answer).isEqualTo("I'm sorry, I couldn't check the calendar just now. Could you try again in a moment?");
    }

    @Test
    void theAvailabilityScenarioListsTheDayAndNarrowsToTheAskedStaff() {
        String fridaySlots = """
                {"date":"2026-11-27","slots":[{"start":"2026-11-27T09:00","staff":"Anna"},
                {"start":"2026-11-27T13:00","staff":"Carla"},{"start":"2026-11-27T15:30","staff":"Carla"}]}""";
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, calendar(fridaySlots, confirmed()), TODAY);
        List<String> lines = Scenarios.ALL.get(Scenarios.AVAILABILITY);

        String first = conversation.caller(lines.get(0));
        String second = conversation.caller(lines.get(1));
        String last = conversation.caller(lines.get(2));

        assertThat(json(conversation.calls().getFirst())).isEqualTo(json("""
                {"service":"Colour","date":"2026-11-27"}"""));
        assertThat(first).isEqualTo("On Friday I have 9 am with Anna, 1 pm with Carla or 3:30 pm with Carla. "
                + "Would you like me to book one of them?");
        assertThat(second).isEqualTo("On Friday I have 1 pm or 3:30 pm with Carla. Would you like me to book one of them?");
        assertThat(last).isEqualTo(BookingDialogue.GOODBYE);
    }

    @Test
    void theCancelScenarioAsksForTheReferenceAndCancelsIt() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS,
                call -> "{\"status\":\"cancelled\",\"booking_id\":\"BK-1042\"}", TODAY);
        List<String> lines = Scenarios.ALL.get(Scenarios.CANCEL);

        String first = conversation.caller(lines.get(0));
        String second = conversation.caller(lines.get(1));
        String last = conversation.caller(lines.get(2));

        assertThat(first).isEqualTo("Of course. What's your booking reference?");
        assertThat(json(conversation.calls().getFirst())).isEqualTo(json("{\"booking_id\":\"BK-1042\"}"));
        assertThat(second).isEqualTo("Done: your booking BK-1042 is cancelled. Is there anything else I can help you with?");
        assertThat(last).isEqualTo(BookingDialogue.GOODBYE);
    }

    @Test
    void aNewCallIdNeverRepeatsOneStillInTheHistoryEvenWhenItsCallWasCutOff() {
        List<ChatMessage> windowed = List.of(
                new ChatMessage.ToolOutput("call_4", Toolbox.CHECK_AVAILABILITY, TOMORROWS_SLOTS),
                ChatMessage.Assistant.said("Tomorrow I have 9 am. Which time suits you?"),
                new ChatMessage.User("Can I book a colour on Friday?"));

        Reply reply = BookingDialogue.reply(new ModelRequest(Conversation.CALL, windowed, Conversation.ALL_TOOLS), TODAY);

        assertThat(reply.toolCall()).isNotNull().extracting(ToolCall::id).isEqualTo("call_5");
    }

    @Test
    void greetsWhenTheCallerHasNotSpokenYet() {
        Reply reply = BookingDialogue.reply(new ModelRequest(Conversation.CALL,
                List.of(new ChatMessage.System("You are a receptionist.")), Conversation.ALL_TOOLS), TODAY);

        assertThat(reply).isEqualTo(Reply.say(BookingDialogue.GREETING));
    }

    @Test
    void anUnreadableToolAnswerIsTreatedAsAFailureNotACrash() {
        Conversation conversation = new Conversation(Conversation.ALL_TOOLS, call -> "not json {", TODAY);

        assertThat(conversation.caller("A haircut tomorrow please.")).contains("couldn't check the calendar");
    }

    private static Function<ToolCall, String> calendar(String availability, Function<ToolCall, String> booking) {
        return call -> call.name().equals(Toolbox.CHECK_AVAILABILITY) ? availability : booking.apply(call);
    }

    private static Function<ToolCall, String> confirmed() {
        return call -> {
            JsonNode args = json(call);
            return """
                    {"status":"confirmed","booking_id":"BK-7","start":"%s","staff":"Anna","service":"%s"}"""
                    .formatted(args.path("start").stringValue(), args.path("service").stringValue());
        };
    }

    private static JsonNode json(ToolCall call) {
        return json(call.arguments());
    }

    private static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }
}
