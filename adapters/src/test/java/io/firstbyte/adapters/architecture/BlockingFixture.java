package io.firstbyte.adapters.architecture;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Never run: bytecode with the calls the blocking rule must find. */
final class BlockingFixture {

    private BlockingFixture() {
    }

    static void blocks() {
        Mono.just(1).block();
        Flux.just(1).blockFirst();
        Flux.just(1).toIterable();
        Flux.just(1).toStream();
    }
}
