package io.firstbyte.adapters.http;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A classified provider failure that also carries what the provider said about trying again:
 * a {@code Retry-After} delay, and whether a retry may succeed at all (a 429 for an exhausted
 * quota is not worth retrying, although rate limits usually are).
 */
public class ProviderFailure extends ProviderException {

    private final @Nullable Duration retryAfter;
    private final boolean retryable;

    public ProviderFailure(String provider, ErrorCategory category, String message,
                           @Nullable Duration retryAfter, boolean retryable, @Nullable Throwable cause) {
        super(provider, category, message, cause);
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    public static ProviderFailure of(String provider, ErrorCategory category, String message) {
        return new ProviderFailure(provider, category, message, null, category.isTransient(), null);
    }

    public static ProviderFailure of(String provider, ErrorCategory category, String message, Throwable cause) {
        return new ProviderFailure(provider, category, message, null, category.isTransient(), cause);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether trying {@code error} again may succeed, as its classification says. */
    public static boolean isRetryable(Throwable error) {
        if (error instanceof ProviderFailure failure) {
            return failure.retryable();
        }
        return error instanceof ProviderException provider && provider.category().isTransient();
    }
}
