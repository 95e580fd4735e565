package io.firstbyte.app.webhooks;

/**
 * The events a business's webhook receives, and the SQL that writes one into the outbox. Each
 * payload is built by PostgreSQL from the rows it announces, in the statement (and transaction) that
 * changes them, so an event exists exactly when its change committed, and a customer's phone number
 * goes from the database to the outbox without passing through the call.
 */
public final class WebhookEvents {

    public static final String MESSAGE_TAKEN = "message.taken";
    public static final String BOOKING_CONFIRMED = "booking.confirmed";
    public static final String BOOKING_CANCELLED = "booking.cancelled";
    public static final String BOOKING_RESCHEDULED = "booking.rescheduled";

    /** A timestamp column as ISO-8601 UTC text. */
    static String utc(String column) {
        return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
    }

    /** A timestamp column as local wall-clock text in the business's zone ({@code t.time_zone}). */
    static String local(String column) {
        return "to_char(" + column + " at time zone t.time_zone, 'YYYY-MM-DD\"T\"HH24:MI')";
    }

    /**
     * The envelope every event shares: {@code {"id","type","created_at","business_id","data"}}; the
     * event's id ({@code e.id}) is the outbox row's, which receivers use to drop a redelivery.
     */
    public static String envelope(String data) {
        return "json_build_object('id', e.id, 'type', cast(:event as text), 'created_at', " + utc("now()")
                + ", 'business_id', t.id, 'data', " + data + ")::text";
    }

    private WebhookEvents() {
    }
}
