package io.firstbyte.app.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The call meters' labels: how many tenants, the busiest, keep their own {@code tenant} label (the rest: {@code other}). */
@Validated
@ConfigurationProperties("firstbyte.metrics")
public record MetricsProperties(@Min(0) int tenantLabels) {
}
