package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.caller.CallSession.Outbound.Sent;
import io.firstbyte.pipeline.transport.WireMessage;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** A call's outbound queue tells a full queue from a connection that has ended. */
class SinkOutboundTest {

    private static final WireMessage FRAME = new WireMessage.Binary(new byte[] {1});

    @Test
    void aMessageRefusedAfterTheConnectionCancelledItsSubscriptionIsAClosedConnection() {
        Sinks.Many<WireMessage> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<WireMessage>get(4).get());
        sink.asFlux().subscribe().dispose();

        assertThat(new CallSimulator.SinkOutbound(sink).send(FRAME)).isEqualTo(Sent.CONNECTION_CLOSED);
    }

    @Test
    void aMessageBeyondTheQueueIsAFullQueue() {
        Sinks.Many<WireMessage> sink = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<WireMessage>get(CallSimulator.OUTBOUND_QUEUE).get());
        CallSimulator.SinkOutbound outbound = new CallSimulator.SinkOutbound(sink);
        for (int i = 0; i < CallSimulator.OUTBOUND_QUEUE; i++) {
            assertThat(outbound.send(FRAME)).isEqualTo(Sent.QUEUED);
        }

        assertThat(outbound.send(FRAME)).isEqualTo(Sent.QUEUE_FULL);
    }
}
