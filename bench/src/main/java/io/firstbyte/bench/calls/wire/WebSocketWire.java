package io.firstbyte.bench.calls.wire;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A gateway whose media connection is a WebSocket: it adds how the gateway upgrades. */
public non-sealed interface WebSocketWire extends GatewayWire {

    /** The HTTP upgrade: path with query string, extra headers, the subprotocol offered (if any). */
    record Upgrade(String pathAndQuery, Map<String, String> headers, @Nullable String subprotocol) {

        public Upgrade {
            headers = Map.copyOf(headers);
        }
    }

    Upgrade upgrade();
}
