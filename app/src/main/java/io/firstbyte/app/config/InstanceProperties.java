package io.firstbyte.app.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This instance among the ones sharing Redis: the address the others forward a hang-up or trace
 * request to (blank: {@code http://127.0.0.1:<port>} in development, this host's address in
 * production), and how often it tells Redis it is alive (its entries expire after three beats).
 */
@Validated
@ConfigurationProperties("firstbyte.instance")
public record InstanceProperties(String url, @NotNull Duration heartbeat) {

    public InstanceProperties {
        url = url == null ? "" : url.strip();
    }
}
