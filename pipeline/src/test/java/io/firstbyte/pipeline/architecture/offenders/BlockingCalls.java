package io.firstbyte.pipeline.architecture.offenders;

import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every blocking Reactor call the rules forbid, once each. */
final class BlockingCalls {

    private BlockingCalls() {
    }

    static List<Object> all(Mono<String> mono, Flux<String> flux) {
        String one = mono.block();
        Optional<String> maybe = mono.blockOptional();
        String first = flux.blockFirst();
        String last = flux.blockLast();
        Iterable<String> iterable = flux.toIterable();
        long count = flux.toStream().count();
        return List.of(String.valueOf(one), maybe, String.valueOf(first), String.valueOf(last), iterable, count);
    }
}
