package io.firstbyte.app.call;

import io.firstbyte.pipeline.call.CallContext;
import reactor.core.publisher.Mono;

/**
 * Completes a call's context once, at call start (for example with its tenant, resolved from the
 * dialled number), and starts whatever should be warm before the caller's first question.
 */
@FunctionalInterface
public interface CallStartResolver {

    Mono<CallContext> resolve(CallContext call);

    static CallStartResolver none() {
        return Mono::just;
    }
}
