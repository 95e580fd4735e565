package io.firstbyte.app.config;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The serving mode and what production serves (docs/security.md).
 *
 * @param mode {@code development}, {@code production}, or blank: production when any secret or external store is set
 * @param metricsToken bearer token for {@code /actuator/**} besides the operator token (a Prometheus scrape token)
 * @param gateways per WebSocket gateway, {@code true} to serve it in production (its secret then required),
 *                 {@code false} never, blank: development only
 */
@ConfigurationProperties("firstbyte.security")
public record SecurityProperties(@Nullable String mode, @Nullable String metricsToken, @Nullable Map<String, String> gateways) {

    public SecurityProperties {
        mode = mode == null ? "" : mode.strip();
        metricsToken = metricsToken == null ? "" : metricsToken.strip();
        gateways = gateways == null ? Map.of() : Map.copyOf(gateways);
    }

    @Override
    public String toString() {
        return "SecurityProperties[mode=" + mode + ", metricsToken=" + (metricsToken.isEmpty() ? "<none>" : "<set>")
                + ", gateways=" + gateways + "]";
    }
}
