package io.firstbyte.app.handover;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.CallRunner;
import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A gateway's own hand-over runs for that gateway's calls only, and its failure never fails the hand-over. */
class GatewayTransfersTest {

    private final List<String> told = new CopyOnWriteArrayList<>();

    private static CallContext call(String gateway) {
        return new CallContext("CA1", "MZ1", "+15550001111", "+15550002222", Map.of(),
                Map.of(CallRunner.GATEWAY_ATTRIBUTE, gateway));
    }

    @Test
    void theGatewaysOwnWayIsToldTheCallAndTheNumber() {
        GatewayTransfers transfers = new GatewayTransfers(Map.of("twilio", (callId, number) ->
                Mono.fromRunnable(() -> told.add(callId + " -> " + number))));

        StepVerifier.create(transfers.transfer(call("twilio"), "+15550009999")).expectComplete().verify(Duration.ofSeconds(5));

        assertThat(told).containsExactly("CA1 -> +15550009999");
    }

    @Test
    void aCallOnAnotherGatewayIsLeftToItsTransport() {
        GatewayTransfers transfers = new GatewayTransfers(Map.of("twilio", (callId, number) ->
                Mono.fromRunnable(() -> told.add(callId))));

        StepVerifier.create(transfers.transfer(call("jambonz"), "+15550009999")).expectComplete().verify(Duration.ofSeconds(5));

        assertThat(told).isEmpty();
    }

    @Test
    void aFailedGatewayTransferCompletesSoTheTransportStillHandsOver() {
        GatewayTransfers transfers = new GatewayTransfers(Map.of("twilio", (callId, number) ->
                Mono.error(new IllegalStateException("HTTP 500"))));

        StepVerifier.create(transfers.transfer(call("twilio"), "+15550009999")).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void onlyAGatewayWithItsOwnWayHandsOver() {
        GatewayTransfers transfers = new GatewayTransfers(Map.of("telnyx", (callId, number) -> Mono.empty()));

        assertThat(transfers.handsOver("telnyx")).isTrue();
        assertThat(transfers.handsOver("plivo")).isFalse();
        assertThat(GatewayTransfers.NONE.handsOver("telnyx")).isFalse();
    }
}
