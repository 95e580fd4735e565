package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallSession;
import io.firstbyte.pipeline.transport.WireMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries one {@link CallSession} to the server the way its gateway connects (a WebSocket, or
 * AudioSocket's TCP stream). The returned result is always the session's: connection failures,
 * unexpected closes and time-outs become the call's errors ({@link CallLifecycle}).
 */
interface CallTransport {

    Mono<CallResult> run(CallSession session, Flux<WireMessage> outgoing);
}
