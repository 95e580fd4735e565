package io.firstbyte.app.call;

import io.firstbyte.pipeline.call.CallContext;
import reactor.core.publisher.Mono;

/**
 * Completes a call's context once, at call start (for example with its tenant, resolved from the
 * dialled number), and names the work that should be warm before the caller's first question.
 */
public interface CallStartResolver {

    Mono<CallContext> resolve(CallContext call);

    /**
     * Work that runs alongside the call's first moments (while the greeting plays) as part of the
     * call's own subscription graph, so a hang-up cancels it. Failures must not end the call.
     */
    default Mono<Void> warmUp(CallContext resolved) {
        return Mono.empty();
    }

    static CallStartResolver none() {
        return Mono::just;
    }
}
