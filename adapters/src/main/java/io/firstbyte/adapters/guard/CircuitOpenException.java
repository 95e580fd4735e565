package io.firstbyte.adapters.guard;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.pipeline.error.ErrorCategory;

/** The provider's breaker is open: the call was not even tried, and retrying now is pointless. */
public final class CircuitOpenException extends ProviderFailure {

    public CircuitOpenException(String provider, Throwable cause) {
        super(provider, ErrorCategory.SERVER, "circuit open, not calling", null, false, cause);
    }
}
