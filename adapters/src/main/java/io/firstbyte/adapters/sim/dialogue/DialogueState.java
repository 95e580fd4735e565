package io.firstbyte.adapters.sim.dialogue;

import io.firstbyte.pipeline.llm.ChatMessage;
import io.firstbyte.pipeline.tool.ToolCall;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything the conversation so far tells the receptionist, folded from the messages in order:
 * the caller's draft request, the days whose availability is known, times found taken, and the
 * tool steps of the current turn (those after the caller's last message).
 */
final class DialogueState {

    /** One tool call of the current turn and what it answered. */
    record Step(ToolCall call, ToolOutcome outcome) {
    }

    private static final Pattern NUMBERED_ID = Pattern.compile("call_(\\d{1,9})");

    private final LocalDate today;
    private Draft draft = Draft.EMPTY;
    private final List<KnownDay> knownDays = new ArrayList<>();
    private final Set<LocalDateTime> taken = new HashSet<>();
    private final Map<String, ToolCall> calls = new HashMap<>();
    private final List<Step> turn = new ArrayList<>();
    private @Nullable Slot offer;
    private String lastAgentWords = "";
    private boolean callerSpoke;
    private boolean goodbye;
    private boolean finishedSomething;
    private int callIdsUsed;

    private DialogueState(LocalDate today) {
        this.today = today;
    }

    static DialogueState of(List<ChatMessage> messages, LocalDate today) {
        DialogueState state = new DialogueState(today);
        messages.forEach(state::add);
        return state;
    }

    private void add(ChatMessage message) {
        switch (message) {
            case ChatMessage.System system -> { }
            case ChatMessage.User user -> heard(user.content());
            case ChatMessage.Assistant assistant -> said(assistant);
            case ChatMessage.ToolOutput output -> answered(output);
        }
    }

    private void heard(String text) {
        Heard heard = UtteranceParser.parse(text, today, lastAgentWords.toLowerCase(Locale.ROOT).contains("your name"));
        draft = draft.merge(heard);
        if (heard.yes() && heard.time() == null) {
            Slot accepted = offer != null ? offer : alternativeJustOffered();
            if (accepted != null) {
                draft = draft.accept(accepted);
            }
        }
        offer = null;
        goodbye = heard.goodbye();
        callerSpoke = true;
        turn.clear();
    }

    /** After "10:30 am tomorrow isn't free. I could do 10 am, 11 am or noon", a plain yes takes the first time offered. */
    private @Nullable Slot alternativeJustOffered() {
        LocalDateTime start = draft.start();
        KnownDay known = knownDay();
        if (start == null || known == null || !lastAgentWords.contains(BookingDialogue.COULD_DO)) {
            return null;
        }
        List<Slot> offered = KnownDay.choices(openSlots(known), start, BookingDialogue.ALTERNATIVES_OFFERED);
        return offered.isEmpty() ? null : offered.getFirst();
    }

    private void said(ChatMessage.Assistant assistant) {
        lastAgentWords = assistant.content();
        assistant.toolCalls().forEach(call -> {
            calls.put(call.id(), call);
            noteCallId(call.id());
        });
    }

    private void answered(ChatMessage.ToolOutput output) {
        ToolCall call = calls.get(output.toolCallId());
        if (call == null) { // the history window cut the call but kept its output
            call = new ToolCall(output.toolCallId(), output.name(), "{}");
            noteCallId(call.id());
        }
        ToolOutcome outcome = ToolOutcomes.read(output.name(), output.content());
        JsonNode args = Toolbox.arguments(call);
        switch (outcome) {
            case ToolOutcome.Availability found when output.name().equals(Toolbox.CHECK_AVAILABILITY) ->
                    remember(args, found);
            case ToolOutcome.Availability found -> offer = found.slots().isEmpty() ? null : found.slots().getFirst();
            case ToolOutcome.Conflict conflict -> markTaken(Toolbox.text(args, "start"));
            case ToolOutcome.Booked booked -> finish();
            case ToolOutcome.Cancelled cancelled -> finish();
            case ToolOutcome.Failed failed -> { }
        }
        turn.add(new Step(call, outcome));
    }

    /** New ids must not repeat one still visible, even when the history window cut its call. */
    private void noteCallId(String id) {
        Matcher numbered = NUMBERED_ID.matcher(id);
        callIdsUsed = Math.max(callIdsUsed + 1, numbered.matches() ? Integer.parseInt(numbered.group(1)) : 0);
    }

    private void remember(JsonNode args, ToolOutcome.Availability found) {
        String asked = Toolbox.text(args, "service");
        String service = asked != null ? asked : Objects.requireNonNullElse(draft.service(), "");
        String dateText = Toolbox.text(args, "date");
        LocalDate date = dateText != null ? parsed(dateText, LocalDate::parse) : found.date();
        if (date != null) {
            knownDays.add(new KnownDay(service, Toolbox.text(args, "staff"), date, found.slots()));
        }
    }

    private void markTaken(@Nullable String start) {
        LocalDateTime parsed = start == null ? null : parsed(start, LocalDateTime::parse);
        if (parsed != null) {
            taken.add(parsed);
        }
    }

    private static <T> @Nullable T parsed(String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private void finish() {
        draft = draft.done();
        finishedSomething = true;
    }

    Draft draft() {
        return draft;
    }

    /** The latest known availability of the draft's service and day, if any (for its staff, or for everyone). */
    @Nullable KnownDay knownDay() {
        for (KnownDay day : knownDays.reversed()) {
            boolean sameRequest = day.service().equalsIgnoreCase(Objects.requireNonNullElse(draft.service(), ""))
                    && day.date().equals(draft.date());
            if (sameRequest && (day.staff() == null || Spoken.sameStaff(draft.staff(), day.staff()))) {
                return day;
            }
        }
        return null;
    }

    /** The known day's slots for the wanted staff, without those found taken since. */
    List<Slot> openSlots(KnownDay known) {
        return known.slotsFor(draft.staff()).stream().filter(slot -> !taken(slot.start())).toList();
    }

    boolean taken(LocalDateTime start) {
        return taken.contains(start);
    }

    @Nullable Step lastStep() {
        return turn.isEmpty() ? null : turn.getLast();
    }

    /** True when this turn already made the same call: repeating it could only loop. */
    boolean repeats(@Nullable ToolCall call) {
        return call != null && turn.stream().anyMatch(step -> step.call().name().equals(call.name())
                && step.call().arguments().equals(call.arguments()));
    }

    boolean callerSpoke() {
        return callerSpoke;
    }

    boolean goodbye() {
        return goodbye;
    }

    boolean finishedSomething() {
        return finishedSomething;
    }

    /** The highest call number used so far: the next call is numbered one more. */
    int callIdsUsed() {
        return callIdsUsed;
    }

    LocalDate today() {
        return today;
    }
}
