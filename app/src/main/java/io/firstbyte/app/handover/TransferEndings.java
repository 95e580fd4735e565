package io.firstbyte.app.handover;

import io.firstbyte.app.call.CallEndings;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.control.ControlledEnd;
import io.firstbyte.pipeline.event.EndCall;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A call ending for a transfer ({@code transfer_call}): the business's transfer number is read again,
 * recorded as the call's pending transfer (for Twilio's action URL), and put on the {@link EndCall} for
 * the transports that pass it on themselves. This is the transfer's one side effect, made once per call
 * (a call ends once), and only when the call really ends for it. Should the number have gone meanwhile,
 * the call simply ends.
 */
public final class TransferEndings implements CallEndings {

    private static final Logger log = LoggerFactory.getLogger(TransferEndings.class);

    private final TransferNumbers numbers;
    private final PendingTransfers pending;

    public TransferEndings(TransferNumbers numbers, PendingTransfers pending) {
        this.numbers = numbers;
        this.pending = pending;
    }

    @Override
    public Mono<EndCall> complete(CallContext call, EndCall end) {
        String tenant = call.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        if (!ControlledEnd.TRANSFER.reason().equals(end.reason()) || end.transferTo() != null || tenant == null) {
            return Mono.just(end);
        }
        return numbers.of(UUID.fromString(tenant))
                .flatMap(number -> number.map(to -> pending.record(call.callId(), to).thenReturn(new EndCall(end.reason(), to)))
                        .orElseGet(() -> Mono.just(end)))
                .doOnNext(ending -> log.info("call {}: handed over to {}", call.callId(), CallContext.mask(ending.transferTo())))
                .onErrorResume(error -> {
                    log.warn("call {}: the transfer number could not be read ({}); the call ends", call.callId(), error.toString());
                    return Mono.just(end);
                });
    }
}
