package io.firstbyte.app.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bearer token of the admin API ({@code /admin/**}: businesses, services, staff, numbers, API keys,
 * bookings). Blank: the admin API answers this machine only in development and nobody in production.
 */
@ConfigurationProperties("firstbyte.admin")
public record AdminProperties(@Nullable String token) {

    public String tokenOrEmpty() {
        return token == null ? "" : token.strip();
    }

    @Override
    public String toString() {
        return "AdminProperties[token=" + (tokenOrEmpty().isEmpty() ? "<none>" : "<set>") + "]";
    }
}
