package io.firstbyte.app.booking;

import io.firstbyte.app.tenant.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * Who asks for a booking operation. Always a tenant. From a call (in the pipeline, or through Vapi or
 * Retell) also the caller's number: cancel and reschedule then reach only bookings made with that
 * number (none when it is unknown), and a new booking carries it unless the model gave another. The
 * {@code key} is the request's idempotency key, when its caller identified the request.
 */
public record Requester(String tenantId, boolean fromCall, @Nullable String callerPhone, @Nullable IdempotencyKey key) {

    /** An HTTP client with the tenant's API key: every booking of the tenant. */
    public static Requester api(String tenantId, @Nullable IdempotencyKey key) {
        return new Requester(tenantId, false, null, key);
    }

    public static Requester call(String tenantId, @Nullable String callerNumber, @Nullable IdempotencyKey key) {
        return new Requester(tenantId, true, callerNumber == null ? null : PhoneNumbers.e164(callerNumber).orElse(null), key);
    }
}
