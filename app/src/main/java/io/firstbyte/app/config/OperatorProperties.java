package io.firstbyte.app.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's bearer token for the call-control routes ({@code /calls/**}: live calls, per-turn
 * traces with the callers' words, hang-up). Blank: those routes answer loopback clients only.
 */
@ConfigurationProperties("firstbyte.operator")
public record OperatorProperties(@Nullable String token) {

    public boolean tokenConfigured() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "OperatorProperties[token=" + (tokenConfigured() ? "<set>" : "<none>") + "]";
    }
}
