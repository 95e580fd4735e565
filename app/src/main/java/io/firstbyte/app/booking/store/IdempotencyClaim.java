package io.firstbyte.app.booking.store;

import io.firstbyte.pipeline.tool.ToolException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The right to execute the request of one idempotency key: held by whoever claimed the key last
 * ({@code token}). {@code committedBooking} is the booking an earlier holder already changed under
 * this key (it crashed or failed before storing its answer), so that change must not be made again.
 */
public record IdempotencyClaim(UUID tenant, String key, UUID token, @Nullable UUID committedBooking) {

    /** Another attempt took the claim over (this one outlived its lease); its change was rolled back. */
    public static final class Lost extends ToolException {
        public Lost() {
            super("another attempt with the same idempotency key is being processed");
        }
    }
}
