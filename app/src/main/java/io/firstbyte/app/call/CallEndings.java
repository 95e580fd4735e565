package io.firstbyte.app.call;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.event.EndCall;
import reactor.core.publisher.Mono;

/**
 * Completes the {@link EndCall} a call's pipeline emits before its transport sees it: a call that ends
 * for a transfer gets the number it is handed over to (and the transfer is recorded for the gateway's
 * next request). The transport closes the call only after this has completed.
 */
@FunctionalInterface
public interface CallEndings {

    CallEndings NONE = (call, end) -> Mono.just(end);

    /** The end to send; must not fail (a failure should give {@code end} back unchanged). */
    Mono<EndCall> complete(CallContext call, EndCall end);
}
