package io.firstbyte.app.booking.tools;

import io.firstbyte.pipeline.tool.ToolSpec;
import java.util.List;
import java.util.Set;

/**
 * The booking tools as the model is told about them: names, descriptions and JSON Schemas, and which
 * of them only read ({@link #READ_ONLY}: they may run for an answer started before the caller finished;
 * the others change bookings and wait for the confirmed turn).
 */
public final class BookingToolSpecs {

    public static final String CHECK_AVAILABILITY = "check_availability";
    public static final String FIND_ALTERNATIVES = "find_alternatives";
    public static final String FIND_NEXT_AVAILABLE = "find_next_available";
    public static final String CREATE_BOOKING = "create_booking";
    public static final String CANCEL_BOOKING = "cancel_booking";
    public static final String RESCHEDULE_BOOKING = "reschedule_booking";
    public static final String FIND_MY_BOOKINGS = "find_my_bookings";
    /** The tools that only look things up. */
    public static final Set<String> READ_ONLY = Set.of(CHECK_AVAILABILITY, FIND_ALTERNATIVES, FIND_NEXT_AVAILABLE,
            FIND_MY_BOOKINGS);

    private static final String SERVICE = "\"service\":{\"type\":\"string\",\"description\":\"The service, e.g. Haircut\"}";
    private static final String BOOKING_ID = "The booking id from the confirmation or from find_my_bookings";
    private static final String STAFF = "\"staff\":{\"type\":\"string\",\"description\":\"Optional: a staff member's name\"}";

    private BookingToolSpecs() {
    }

    public static List<ToolSpec> all() {
        return marked(List.of(
                new ToolSpec(CHECK_AVAILABILITY,
                        "Free appointment times for a service on a day (or a range of at most 14 days), in the business's local time.",
                        schema(SERVICE + ","
                                + "\"date\":{\"type\":\"string\",\"description\":\"Day, YYYY-MM-DD\"},"
                                + "\"time\":{\"type\":\"string\",\"description\":\"Optional: the time the caller asked for on that day, "
                                + "HH:MM; the answer says whether it is free\"},"
                                + "\"date_to\":{\"type\":\"string\",\"description\":\"Optional last day of a range, YYYY-MM-DD\"},"
                                + STAFF, "\"service\",\"date\"")),
                new ToolSpec(FIND_ALTERNATIVES,
                        "The free times nearest to a wanted time (before and after), the same staff member first.",
                        schema(SERVICE + ","
                                + "\"around\":{\"type\":\"string\",\"description\":\"Wanted local time, YYYY-MM-DDTHH:MM\"},"
                                + "\"count\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":8,\"description\":\"How many, default 3\"},"
                                + STAFF, "\"service\",\"around\"")),
                new ToolSpec(FIND_NEXT_AVAILABLE,
                        "The earliest free times for a service, searching day by day.",
                        schema(SERVICE + ","
                                + "\"after\":{\"type\":\"string\",\"description\":\"Optional: not before this local time, YYYY-MM-DDTHH:MM\"},"
                                + STAFF, "\"service\"")),
                new ToolSpec(CREATE_BOOKING,
                        "Book an appointment. If the time was just taken, the answer has status conflict and alternatives.",
                        schema(SERVICE + ","
                                + "\"start\":{\"type\":\"string\",\"description\":\"Local start time, YYYY-MM-DDTHH:MM\"},"
                                + "\"customer_name\":{\"type\":\"string\",\"description\":\"The caller's name\"},"
                                + "\"customer_phone\":{\"type\":\"string\",\"description\":\"Optional phone number\"},"
                                + STAFF + ","
                                + "\"idempotency_key\":{\"type\":\"string\",\"description\":\"Optional: the same key never books twice\"}",
                                "\"service\",\"start\",\"customer_name\"")),
                new ToolSpec(CANCEL_BOOKING, "Cancel a booking by its id.",
                        schema("\"booking_id\":{\"type\":\"string\",\"description\":\"" + BOOKING_ID + "\"}",
                                "\"booking_id\"")),
                new ToolSpec(RESCHEDULE_BOOKING, "Move a booking to a new start time (same service and staff member).",
                        schema("\"booking_id\":{\"type\":\"string\",\"description\":\"" + BOOKING_ID + "\"},"
                                + "\"start\":{\"type\":\"string\",\"description\":\"New local start time, YYYY-MM-DDTHH:MM\"}",
                                "\"booking_id\",\"start\"")),
                new ToolSpec(FIND_MY_BOOKINGS,
                        "The caller's own upcoming bookings, found by the number they are calling from, each with its "
                                + "booking_id for cancel_booking and reschedule_booking. Use it whenever the caller wants to "
                                + "check, cancel or move a booking; never ask the caller for a booking id.",
                        schema("\"customer_name\":{\"type\":\"string\",\"description\":\"Optional: only bookings under "
                                + "this name\"}", ""))));
    }

    /** {@code specs} with the {@link #READ_ONLY} ones marked so; every other tool keeps its side effects. */
    public static List<ToolSpec> marked(List<ToolSpec> specs) {
        return specs.stream().map(spec -> READ_ONLY.contains(spec.name()) ? spec.asReadOnly() : spec).toList();
    }

    private static String schema(String properties, String required) {
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[" + required
                + "],\"additionalProperties\":false}";
    }
}
