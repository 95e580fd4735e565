package io.firstbyte.adapters.http;

import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads how long a provider asks us to wait: {@code retry-after-ms}, else {@code Retry-After} in seconds. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The delay named by the headers ({@code header} looks one up by name), or null when none is usable. */
    public static @Nullable Duration from(Function<String, @Nullable String> header) {
        Duration millis = parse(header.apply("retry-after-ms"), 1);
        return millis != null ? millis : parse(header.apply("Retry-After"), 1000);
    }

    private static @Nullable Duration parse(@Nullable String value, long millisPerUnit) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double units = Double.parseDouble(value.strip());
            return units < 0 ? null : Duration.ofMillis(Math.round(units * millisPerUnit));
        } catch (NumberFormatException httpDate) {
            // An HTTP-date is allowed too; no provider we speak sends one, so it is ignored.
            return null;
        }
    }
}
