package io.firstbyte.app.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How many calls this instance takes at once; past it new calls are refused and readiness reports it full. */
@Validated
@ConfigurationProperties("firstbyte.capacity")
public record CapacityProperties(@Min(1) int maxCalls) {
}
