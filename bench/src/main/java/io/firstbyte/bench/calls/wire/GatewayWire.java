package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.List;

/**
 * One call's media connection as a telephony gateway speaks it, from the gateway's side, whatever
 * carries it ({@link WebSocketWire}, or AudioSocket's TCP stream): what it sends first, how it
 * carries 20 ms of the caller's audio, how it acknowledges playback, how it hangs up, and how it
 * reads the server's messages. Writing methods are called serially (they may keep per-call state
 * such as a sequence number or a resampler's history); {@link #read} is stateless.
 */
public sealed interface GatewayWire permits WebSocketWire, AudioSocketWire {

    /** The id the server knows the call by (its trace is kept under it). */
    String callId();

    /** The stream id the server's messages must carry (dialects without one: this call's own). */
    String streamId();

    /** What the gateway sends once the socket is open, before any audio. */
    List<WireMessage> opening();

    /** One 20 ms frame of the caller's audio, given as 160 bytes of mu-law 8 kHz. */
    WireMessage audio(byte[] mulawFrame);

    /** The acknowledgement of a mark whose audio has played (none where the gateway has no marks). */
    List<WireMessage> markPlayed(String name);

    /** What the gateway sends when the server's clear has dropped its audio, with the marks still pending. */
    List<WireMessage> cleared(List<String> pendingMarks);

    /** What the gateway sends when the caller hangs up (the socket is closed after it). */
    List<WireMessage> hangUp();

    /** Reads one server message; anything unexpected is {@link ServerMessage.Invalid}. */
    ServerMessage read(WireMessage message);

    /**
     * True for a gateway the server cannot tell to drop queued audio (AudioSocket): on a barge-in
     * the server just stops sending, and what it had already sent still plays.
     */
    default boolean clearsByStopping() {
        return false;
    }
}
