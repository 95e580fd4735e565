package io.firstbyte.app.webhooks;

import io.firstbyte.app.booking.store.Appointment;
import io.firstbyte.app.booking.store.AppointmentChanges;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Booking confirmations, cancellations and moves as webhook events: one outbox row, written inside the
 * booking's own transaction (only when the business has a webhook URL), so the event is sent if and
 * only if the change committed; the sender is nudged once it has.
 */
public final class BookingEvents implements AppointmentChanges {

    private static final String INSERT = "insert into webhook_outbox (id, tenant_id, event, payload) select e.id, t.id, :event, "
            + WebhookEvents.envelope("json_build_object('booking_id', a.id, 'status', a.status, 'service', s.name, "
                    + "'staff', st.name, 'customer_name', a.customer_name, 'customer_phone', a.customer_phone, "
                    + "'start', " + WebhookEvents.local("a.starts_at") + ", 'end', " + WebhookEvents.local("a.ends_at")
                    + ", 'time_zone', t.time_zone, 'starts_at', " + WebhookEvents.utc("a.starts_at")
                    + ", 'ends_at', " + WebhookEvents.utc("a.ends_at") + ")")
            + " from (select gen_random_uuid() as id) e, appointment a"
            + " join tenant t on t.id = a.tenant_id"
            + " join service s on s.tenant_id = a.tenant_id and s.id = a.service_id"
            + " join staff st on st.tenant_id = a.tenant_id and st.id = a.staff_id"
            + " where a.tenant_id = :tenant and a.id = :booking and t.webhook_url is not null";

    private final DatabaseClient db;
    private final Runnable written;

    /** {@code written}: runs after a change that may have queued an event (it nudges the sender). */
    public BookingEvents(DatabaseClient db, Runnable written) {
        this.db = db;
        this.written = written;
    }

    @Override
    public Mono<Void> changed(UUID tenant, Change change, Appointment appointment) {
        String event = switch (change) {
            case CONFIRMED -> WebhookEvents.BOOKING_CONFIRMED;
            case CANCELLED -> WebhookEvents.BOOKING_CANCELLED;
            case RESCHEDULED -> WebhookEvents.BOOKING_RESCHEDULED;
        };
        return db.sql(INSERT).bind("event", event).bind("tenant", tenant).bind("booking", appointment.id())
                .fetch().rowsUpdated().then();
    }

    @Override
    public void committed() {
        written.run();
    }
}
