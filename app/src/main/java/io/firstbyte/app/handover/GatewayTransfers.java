package io.firstbyte.app.handover;

import io.firstbyte.app.call.CallRunner;
import io.firstbyte.pipeline.call.CallContext;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The gateways' own ways to pass a live call on, used beside the transport's when configured (Twilio's
 * REST call update, Telnyx's Call Control {@code transfer}, Vonage's and Plivo's call transfers): by gateway
 * name ({@link CallRunner#GATEWAY_ATTRIBUTE}). A failure is logged and the call ends as the transport ends it
 * (for Twilio, the action URL then answers {@code <Dial>}; on the others the caller is disconnected), so it
 * never fails the hand-over.
 */
public final class GatewayTransfers implements AutoCloseable {

    /** One gateway's way: tells it to connect call {@code callId} to {@code number}; completes once accepted. */
    @FunctionalInterface
    public interface GatewayTransfer {
        Mono<Void> transfer(String callId, String number);
    }

    public static final GatewayTransfers NONE = new GatewayTransfers(Map.of());
    private static final Logger log = LoggerFactory.getLogger(GatewayTransfers.class);

    private final Map<String, GatewayTransfer> byGateway;
    private final List<AutoCloseable> resources;

    /** @param resources what the ways hold (their HTTP clients), released by {@link #close} */
    public GatewayTransfers(Map<String, GatewayTransfer> byGateway, AutoCloseable... resources) {
        this.byGateway = Map.copyOf(byGateway);
        this.resources = List.of(resources);
    }

    /** Whether {@code gateway} (a dialect name) has its own way here: then its calls can be handed over. */
    public boolean handsOver(String gateway) {
        return byGateway.containsKey(gateway);
    }

    /** Hands call {@code context} over to {@code number} the gateway's own way, if it has one here; never fails. */
    public Mono<Void> transfer(CallContext context, String number) {
        String gateway = context.attribute(CallRunner.GATEWAY_ATTRIBUTE, String.class);
        GatewayTransfer way = gateway == null ? null : byGateway.get(gateway);
        if (way == null) {
            return Mono.empty();
        }
        return way.transfer(context.callId(), number)
                .doOnSuccess(done -> log.info("call {}: {} was told to connect the caller", context.callId(), gateway))
                .onErrorResume(error -> {
                    log.warn("call {}: {} could not be told to connect the caller ({}); the call is handed over as the "
                            + "stream ends", context.callId(), gateway, error.getMessage());
                    return Mono.empty();
                });
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }
}
