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

    List<InboundEvent> decode(WireMessage message);

    /** The wire messages for one outbound event; empty when the dialect has no equivalent. */
    List<WireMessage> encode(OutboundEvent event);
}
