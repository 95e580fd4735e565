package io.firstbyte.bench.calls.wire;

import java.util.Map;

/**
 * What one simulated call tells the server, whatever the gateway: the caller's and the dialled
 * number, free parameters (the simulated providers read {@code lines}, {@code profile},
 * {@code jitter}), and the shared secret the gateway presents on the upgrade (empty: none).
 */
public record CallSetup(String from, String to, Map<String, String> parameters, String secret) {

    public CallSetup {
        parameters = Map.copyOf(parameters);
    }

    public boolean hasSecret() {
        return !secret.isEmpty();
    }
}
