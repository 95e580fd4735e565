package io.firstbyte.app.booking.tools;

import io.firstbyte.app.booking.BookingFailures;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict reading of a tool's JSON arguments: an object with only the named properties, each of the
 * expected type and shape. Every problem becomes a short message the model can act on; the
 * offending value is never echoed back.
 */
public final class ToolArgs {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ARGUMENT_CHARS = 4096;
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} .'&/-]{0,59}");
    private static final Pattern PERSON_NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} .'’-]{0,99}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{5,24}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{1,2}:\\d{2}");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?");

    private final JsonNode node;

    private ToolArgs(JsonNode node) {
        this.node = node;
    }

    public static ToolArgs parse(String json, Set<String> allowed) {
        if (json.length() > MAX_ARGUMENT_CHARS) {
            throw BookingFailures.invalid("the arguments are too long");
        }
        JsonNode node;
        try {
            node = json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (JacksonException e) {
            throw BookingFailures.invalid("the arguments are not valid JSON");
        }
        return of(node, allowed);
    }

    public static ToolArgs of(JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw BookingFailures.invalid("the arguments must be a JSON object");
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw BookingFailures.invalid("unexpected argument '" + (PLAIN_NAME.matcher(name).matches() ? name : "?")
                        + "'; allowed: " + String.join(", ", allowed));
            }
        }
        return new ToolArgs(node);
    }

    /**
     * The arguments as one JSON text with the properties in name order and without
     * {@code idempotency_key}: the same request always reads the same, however it was written.
     */
    public String canonical() {
        return canonical(node).toString();
    }

    /** {@link #canonical()} of any JSON arguments. */
    public static String canonical(JsonNode arguments) {
        return canonicalNode(arguments).toString();
    }

    private static JsonNode canonicalNode(JsonNode value) {
        if (value.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            new TreeSet<>(value.propertyNames()).stream()
                    .filter(name -> !"idempotency_key".equals(name))
                    .forEach(name -> sorted.set(name, canonicalNode(value.get(name))));
            return sorted;
        }
        if (value.isArray()) {
            ArrayNode array = JSON.createArrayNode();
            value.forEach(element -> array.add(canonicalNode(element)));
            return array;
        }
        return value;
    }

    public String serviceName() {
        return text("service", PLAIN_NAME, "a service name such as Haircut");
    }

    public @Nullable String staffName() {
        return optional("staff") == null ? null : text("staff", PLAIN_NAME, "a staff member's name");
    }

    public String customerName() {
        return text("customer_name", PERSON_NAME, "the customer's name (letters only)").strip();
    }

    public @Nullable String optionalCustomerName() {
        return optional("customer_name") == null ? null : customerName();
    }

    public @Nullable String customerPhone() {
        return optional("customer_phone") == null ? null
                : text("customer_phone", PHONE, "a phone number such as +15551234567").replaceAll("[\\s()-]", "");
    }

    public @Nullable String idempotencyKey() {
        return optional("idempotency_key") == null ? null
                : text("idempotency_key", KEY, "letters, digits, '_', '.', ':' or '-' (at most 100)");
    }

    public UUID bookingId() {
        String text = text("booking_id", Pattern.compile("[0-9a-fA-F-]{36}"), "the booking id from the confirmation");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw BookingFailures.invalid("booking_id must be the booking id from the confirmation");
        }
    }

    public LocalDate date(String name) {
        String text = text(name, DATE, "a date as YYYY-MM-DD");
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw BookingFailures.invalid(name + " is not a real date");
        }
    }

    public @Nullable LocalDate optionalDate(String name) {
        return optional(name) == null ? null : date(name);
    }

    public LocalDateTime localDateTime(String name) {
        String text = text(name, LOCAL_TIME, "a local date and time as YYYY-MM-DDTHH:MM, without a time zone");
        try {
            return LocalDateTime.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw BookingFailures.invalid(name + " is not a real date and time");
        }
    }

    public @Nullable LocalDateTime optionalLocalDateTime(String name) {
        JsonNode value = optional(name);
        if (value != null && value.isString() && DATE.matcher(value.asString()).matches()) {
            return LocalDate.parse(value.asString()).atStartOfDay();
        }
        return value == null ? null : localDateTime(name);
    }

    /** A wall-clock time of day, {@code HH:MM}; null when absent. */
    public @Nullable LocalTime optionalTime(String name) {
        if (optional(name) == null) {
            return null;
        }
        String text = text(name, CLOCK_TIME, "a time of day as HH:MM");
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw BookingFailures.invalid(name + " is not a real time of day");
        }
    }

    public int count(String name, int fallback, int min, int max) {
        JsonNode value = optional(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw BookingFailures.invalid(name + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private @Nullable JsonNode optional(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private String text(String name, Pattern shape, String expected) {
        JsonNode value = optional(name);
        if (value == null) {
            throw BookingFailures.invalid(name + " is required: " + expected);
        }
        if (!value.isString() || !shape.matcher(value.asString().strip()).matches()) {
            throw BookingFailures.invalid(name + " must be " + expected);
        }
        return value.asString().strip();
    }
}
