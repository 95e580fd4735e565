package io.firstbyte.pipeline.transport;

import io.firstbyte.pipeline.event.InboundEvent;
import io.firstbyte.pipeline.event.OutboundEvent;
import java.util.List;

/**
 * One connection's translation between a gateway's wire messages and call events. Stateful
 * (stream id, sequence) and used from one connection only. Decoding never throws: bad input is
 * reported to the connection's {@link DroppedInput} and yields no event.
 */
public interface TransportCodec {

    /**
     * The call-context attribute ({@link Boolean}) saying whether the call's transport hands the
     * caller over when the call ends with a transfer target ({@link #handsOver()}).
     */
    String HANDS_OVER_ATTRIBUTE = "firstbyte.handsOver";

    List<InboundEvent> decode(WireMessage message);

    /** The wire messages for one outbound event; empty when the dialect has no equivalent. */
    List<WireMessage> encode(OutboundEvent event);

    /**
     * Whether an {@code EndCall} with a transfer target hands the caller over on this transport
     * (through its own message, or the gateway's next step after the stream ends); false when the
     * stream protocol has no way to.
     */
    default boolean handsOver() {
        return false;
    }
}
