package io.firstbyte.app.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Shutting down (SIGTERM): how long the live calls may run on after new calls are refused; then
 * each hears a goodbye and ends, and the process exits.
 */
@Validated
@ConfigurationProperties("firstbyte.drain")
public record DrainProperties(@NotNull Duration timeout) {
}
