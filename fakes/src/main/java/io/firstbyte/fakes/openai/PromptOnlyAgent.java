package io.firstbyte.fakes.openai;

import io.firstbyte.pipeline.tool.ToolCall;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model for {@link FakeOpenAiServer#respondWith} that knows nothing but what the request tells it,
 * as a real model: today's date, the business's name and its services come only from the system
 * message, the caller's wishes only from the conversation. When the system message lacks one of
 * those facts the turn fails (HTTP 400, and the gap is listed in {@link #problems()}), so a test
 * proves a real model would have had what it needs.
 *
 * <p>It books: a caller naming a service and a day ("a haircut tomorrow at three", "on Tuesday at
 * 3 pm") gets {@code check_availability} for that day as {@code YYYY-MM-DD}, worked out from the
 * prompt's today; its result gets {@code create_booking} at that local time ({@code YYYY-MM-DDTHH:MM};
 * an hour from 1 to 7 without "am" is taken as afternoon), with the caller's name from the
 * conversation and the number the prompt says they call from; the booking's result gets a spoken
 * confirmation naming the business. A caller who then asks to move it ("move it to Wednesday at four")
 * gets {@code reschedule_booking}, and one who asks to cancel gets {@code cancel_booking}, both with the
 * booking id from the earlier answer in the conversation (never one the caller said). With no booking in
 * the conversation yet (a later call), or asked which appointments they have, it calls
 * {@code find_my_bookings} and moves or cancels the listed booking of the service the caller named (else
 * the first), or reads the list out.
 */
public final class PromptOnlyAgent implements Function<RecordedRequest, FakeReply> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TODAY = Pattern.compile("(?i)\\btoday is\\b[^\\n]*?\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern BUSINESS = Pattern.compile("(?im)answer the phone for ([^\\n]+?)\\.\\s*$");
    private static final Pattern SERVICE = Pattern.compile("(?m)^- ([^:\\n]+): \\d+ minutes");
    private static final Pattern HOURS = Pattern.compile("(?m)^Opening hours:$");
    private static final Pattern CALLER = Pattern.compile("calling from (\\+[0-9]{7,15})");
    private static final Pattern CLOCK_TIME = Pattern.compile("(?i)\\bat (\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|"
            + "ten|eleven|twelve)(?::(\\d{2}))?(?:\\s*(am|pm|a\\.m\\.|p\\.m\\.))?");
    private static final Pattern NAME = Pattern.compile("(?i)\\bmy name is ([\\p{L}][\\p{L} .'-]*?)\\s*(?:[.,!?]|$)");
    private static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve");

    private final Duration firstToken;
    private final Duration betweenTokens;
    private final AtomicLong ids = new AtomicLong();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    public PromptOnlyAgent(Duration firstToken, Duration betweenTokens) {
        this.firstToken = firstToken;
        this.betweenTokens = betweenTokens;
    }

    /** Why turns failed: the facts a system message lacked, one entry per failed request. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public FakeReply apply(RecordedRequest request) {
        JsonNode messages = request.json().path("messages");
        String system = messages.path(0).path("role").asString("").equals("system")
                ? messages.path(0).path("content").asString("") : "";
        Facts facts = Facts.read(system);
        if (!facts.missing().isEmpty()) {
            String problem = "the system prompt does not say " + String.join(", ", facts.missing());
            problems.add(problem);
            return FakeReply.error(400, "invalid_request_error", "prompt_missing_facts", problem);
        }
        return reply(facts, messages).firstByteAfter(firstToken).eventsEvery(betweenTokens);
    }

    private FakeReply reply(Facts facts, JsonNode messages) {
        JsonNode last = messages.path(messages.size() - 1);
        String wish = lastSaid(messages);
        Optional<String> service = facts.services().stream()
                .filter(name -> wish.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT))).findFirst();
        Optional<LocalDate> day = day(wish, facts.today());
        if (last.path("role").asString("").equals("tool")) {
            return afterTool(facts, toolName(messages, last.path("tool_call_id").asString("")),
                    JSON.readTree(last.path("content").asString("{}")), wish, service, day);
        }
        if (said(wish, "cancel")) {
            return bookingId(messages).map(this::cancel).orElseGet(this::findMine);
        }
        if (said(wish, "move") || said(wish, "reschedule")) {
            Optional<LocalTime> time = time(wish);
            if (day.isEmpty() || time.isEmpty()) {
                return FakeReply.text("Which appointment, and to which day and time? ");
            }
            return bookingId(messages).map(id -> reschedule(id, day.get(), time.get())).orElseGet(this::findMine);
        }
        if (said(wish, "appointments") || said(wish, "bookings")) {
            return findMine();
        }
        if (service.isEmpty()) {
            return FakeReply.text("Which service would you like? We offer " + String.join(", ", facts.services()) + ". ");
        }
        if (day.isEmpty()) {
            return FakeReply.text("Which day would you like? ");
        }
        ObjectNode args = JSON.createObjectNode().put("service", service.get()).put("date", day.get().toString());
        return FakeReply.toolCalls("Let me check. ", call("check_availability", args));
    }

    private FakeReply afterTool(Facts facts, String tool, JsonNode result, String wish, Optional<String> service,
                                Optional<LocalDate> day) {
        if (tool.equals("check_availability") && service.isPresent() && day.isPresent()) {
            Optional<LocalTime> time = time(wish);
            Matcher name = NAME.matcher(wish);
            if (time.isEmpty() || !name.find()) {
                return FakeReply.text("What time would suit you, and what is your name? ");
            }
            ObjectNode args = JSON.createObjectNode().put("service", service.get())
                    .put("start", day.get() + "T" + time.get()).put("customer_name", name.group(1).strip());
            facts.caller().ifPresent(number -> args.put("customer_phone", number));
            return FakeReply.toolCalls("", call("create_booking", args));
        }
        if (tool.equals("find_my_bookings")) {
            return mine(result.path("bookings"), wish, service, day);
        }
        if (tool.equals("reschedule_booking") && result.path("status").asString("").equals("rescheduled")) {
            return FakeReply.text("Done: your appointment at " + facts.business() + " is now on "
                    + result.path("start").asString().replace('T', ' ') + ". ");
        }
        if (tool.equals("cancel_booking") && result.path("status").asString("").equals("cancelled")) {
            return FakeReply.text("Your appointment on " + result.path("start").asString().replace('T', ' ')
                    + " is cancelled. Goodbye! ");
        }
        if (tool.equals("create_booking") && result.path("status").asString("").equals("confirmed")) {
            return FakeReply.text("You're booked at " + facts.business() + " on " + result.path("start").asString().replace('T', ' ')
                    + " with " + result.path("staff").asString() + ". See you then! ");
        }
        return FakeReply.text("Sorry, that did not work. Shall I look for another time? ");
    }

    /** After find_my_bookings: the caller's wish applied to their booking of the service they named (else the first). */
    private FakeReply mine(JsonNode bookings, String wish, Optional<String> service, Optional<LocalDate> day) {
        List<String> starts = new ArrayList<>();
        String id = null;
        for (JsonNode booking : bookings) {
            starts.add(booking.path("service").asString("") + " on " + booking.path("start").asString("").replace('T', ' '));
            boolean named = service.isEmpty() || service.get().equalsIgnoreCase(booking.path("service").asString(""));
            if (id == null && named) {
                id = booking.path("booking_id").asString("");
            }
        }
        if (id == null) {
            return FakeReply.text("I can't find an appointment under your number. ");
        }
        Optional<LocalTime> time = time(wish);
        if (said(wish, "cancel")) {
            return cancel(id);
        }
        if ((said(wish, "move") || said(wish, "reschedule")) && day.isPresent() && time.isPresent()) {
            return reschedule(id, day.get(), time.get());
        }
        return FakeReply.text("You have " + starts.size() + " appointments: " + String.join(", ", starts) + ". ");
    }

    private FakeReply findMine() {
        return FakeReply.toolCalls("Let me look that up. ", call("find_my_bookings", JSON.createObjectNode()));
    }

    private FakeReply cancel(String bookingId) {
        return FakeReply.toolCalls("", call("cancel_booking", JSON.createObjectNode().put("booking_id", bookingId)));
    }

    private FakeReply reschedule(String bookingId, LocalDate day, LocalTime time) {
        return FakeReply.toolCalls("", call("reschedule_booking", JSON.createObjectNode().put("booking_id", bookingId)
                .put("start", day + "T" + time)));
    }

    /** The day the caller asked for: today, tomorrow, or the next weekday of that name. */
    static Optional<LocalDate> day(String said, LocalDate today) {
        String text = said.toLowerCase(Locale.ROOT);
        if (text.contains("tomorrow")) {
            return Optional.of(today.plusDays(text.contains("day after tomorrow") ? 2 : 1));
        }
        for (DayOfWeek weekday : DayOfWeek.values()) {
            if (text.contains(weekday.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(today.with(TemporalAdjusters.next(weekday)));
            }
        }
        return text.contains("today") ? Optional.of(today) : Optional.empty();
    }

    static Optional<LocalTime> time(String said) {
        Matcher at = CLOCK_TIME.matcher(said);
        if (!at.find()) {
            return Optional.empty();
        }
        String hourText = at.group(1).toLowerCase(Locale.ROOT);
        int hour = NUMBERS.contains(hourText) ? NUMBERS.indexOf(hourText) + 1 : Integer.parseInt(hourText);
        String half = at.group(3) == null ? "" : at.group(3).toLowerCase(Locale.ROOT);
        if (half.startsWith("p") && hour < 12 || half.isEmpty() && hour >= 1 && hour <= 7) {
            hour += 12;
        }
        return hour > 23 ? Optional.empty() : Optional.of(LocalTime.of(hour, at.group(2) == null ? 0 : Integer.parseInt(at.group(2))));
    }

    private static boolean said(String wish, String word) {
        return wish.toLowerCase(Locale.ROOT).contains(word);
    }

    /** The id of the last booking a tool answered with in this conversation. */
    private static Optional<String> bookingId(JsonNode messages) {
        String id = null;
        for (JsonNode message : messages) {
            if (message.path("role").asString("").equals("tool")) {
                String content = message.path("content").asString("");
                String found = content.startsWith("{") ? JSON.readTree(content).path("booking_id").asString("") : "";
                if (!found.isEmpty()) {
                    id = found;
                }
            }
        }
        return Optional.ofNullable(id);
    }

    private ToolCall call(String name, ObjectNode args) {
        return new ToolCall("call_" + ids.incrementAndGet(), name, JSON.writeValueAsString(args));
    }

    private static String lastSaid(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("role").asString("").equals("user")) {
                return messages.get(i).path("content").asString("");
            }
        }
        return "";
    }

    private static String toolName(JsonNode messages, String callId) {
        for (JsonNode message : messages) {
            for (JsonNode toolCall : message.path("tool_calls")) {
                if (toolCall.path("id").asString("").equals(callId)) {
                    return toolCall.path("function").path("name").asString("");
                }
            }
        }
        return "";
    }

    /** What the system message says, and which of the facts a booking needs it left out. */
    private record Facts(LocalDate today, String business, List<String> services, Optional<String> caller,
                         List<String> missing) {

        static Facts read(String system) {
            List<String> missing = new ArrayList<>();
            Matcher today = TODAY.matcher(system);
            Matcher business = BUSINESS.matcher(system);
            List<String> services = SERVICE.matcher(system).results().map(service -> service.group(1).strip()).toList();
            Matcher caller = CALLER.matcher(system);
            boolean hasToday = today.find();
            boolean hasBusiness = business.find();
            if (!hasToday) {
                missing.add("today's date");
            }
            if (!HOURS.matcher(system).find()) {
                missing.add("the opening hours");
            }
            if (!hasBusiness) {
                missing.add("the business's name");
            }
            if (services.isEmpty()) {
                missing.add("the services");
            }
            return new Facts(hasToday ? LocalDate.parse(today.group(1)) : LocalDate.EPOCH,
                    hasBusiness ? business.group(1).strip() : "", services,
                    caller.find() ? Optional.of(caller.group(1)) : Optional.empty(), missing);
        }
    }
}
