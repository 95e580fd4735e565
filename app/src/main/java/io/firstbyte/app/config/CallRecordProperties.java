package io.firstbyte.app.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Call records ({@code firstbyte.call-records}): how long they are kept ({@code retention}, zero keeps
 * none), how often the expired ones are deleted, and the writer's bounds: the queue between the calls and
 * the database, its batch size, how often it is flushed and how long one batch may take.
 */
@Validated
@ConfigurationProperties("firstbyte.call-records")
public record CallRecordProperties(
        @NotNull Duration retention,
        @NotNull Duration retentionSweepEvery,
        @Min(1) int queueCapacity,
        @Min(1) int batchSize,
        @NotNull Duration flushEvery,
        @NotNull Duration writeTimeout) {

    public boolean enabled() {
        return !retention.isZero() && !retention.isNegative();
    }
}
