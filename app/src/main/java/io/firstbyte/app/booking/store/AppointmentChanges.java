package io.firstbyte.app.booking.store;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Told of every booking change inside the change's own transaction (its statements join it: a
 * failure rolls the change back), and once more after it committed. The business's webhook events are
 * written this way.
 */
public interface AppointmentChanges {

    AppointmentChanges NONE = new AppointmentChanges() {
        @Override
        public Mono<Void> changed(UUID tenant, Change change, Appointment appointment) {
            return Mono.empty();
        }
    };

    enum Change { CONFIRMED, CANCELLED, RESCHEDULED }

    Mono<Void> changed(UUID tenant, Change change, Appointment appointment);

    /** After a change's transaction committed; cheap and non-blocking. */
    default void committed() {
    }
}
