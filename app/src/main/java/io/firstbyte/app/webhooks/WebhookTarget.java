package io.firstbyte.app.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * Where a business wants its events: its webhook URL and its signing secret (opened; null when it set
 * none, and its deliveries then carry no signature).
 */
public record WebhookTarget(String url, @Nullable String secret) {

    @Override
    public String toString() {
        return "WebhookTarget[url=" + url + ", secret=" + (secret == null ? "<none>" : "<set>") + "]";
    }
}
