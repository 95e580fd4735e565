package io.firstbyte.adapters.telephony.common;

import java.util.List;

/**
 * A static description of one gateway dialect, for wiring and documentation: where it connects,
 * which WebSocket subprotocols the server must accept (and echo), how the caller's and the
 * dialled number reach the pipeline, and how barge-in is signalled back.
 *
 * @param name the path segment ({@code /audio/<name>}) or, for TCP, the listener's name
 * @param transport how the gateway connects
 * @param subprotocols subprotocols the gateway offers on the upgrade; echo the offered one
 * @param callerNumbers where {@code From} and {@code To} come from
 * @param bargeIn what an interruption becomes on the wire
 */
public record Dialect(String name, Transport transport, List<String> subprotocols, String callerNumbers,
                      String bargeIn) {

    public enum Transport {
        /** The gateway opens a WebSocket to {@code /audio/<name>}. */
        WEBSOCKET,
        /** The gateway opens a plain TCP connection to a dedicated listener. */
        TCP
    }

    public Dialect {
        subprotocols = List.copyOf(subprotocols);
    }
}
