package io.firstbyte.app.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * The Asterisk AudioSocket TCP listener.
 *
 * @param enabled {@code true}: listen (in production the Asterisk credentials are then required), {@code false}:
 *                never, {@code null}: in development only (security.IngressPolicy decides)
 * @param host the address to bind ({@code 127.0.0.1} by default: Asterisk on this machine; {@code 0.0.0.0}: every interface)
 * @param port the TCP port ({@code 0}: any free port, for tests)
 * @param registrationTtl how long a {@code POST /audiosocket/calls} registration waits for its connection
 * @param defaultDialled the dialled number of a call nobody registered (empty: such a call has no tenant)
 * @param pacerLead how far ahead of real time the call's audio may run. AudioSocket cannot drop audio
 *                  it was sent, so after a barge-in the caller hears all of it: shorter than the
 *                  WebSocket gateways' lead, which their clear discards (20 ms to 1 s)
 */
public record AudioSocketProperties(
        @Nullable Boolean enabled,
        @NotBlank String host,
        @Min(0) @Max(65535) int port,
        @NotNull Duration registrationTtl,
        @NotNull String defaultDialled,
        @NotNull @DurationMin(millis = 20) @DurationMax(seconds = 1) Duration pacerLead) {

    public static final AudioSocketProperties DISABLED =
            new AudioSocketProperties(false, "127.0.0.1", 9092, Duration.ofMinutes(1), "", Duration.ofMillis(60));
}
