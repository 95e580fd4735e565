package io.firstbyte.adapters.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Waits (up to 30 s: the machine may be very busy) for something a real socket will make true; fails the test otherwise. */
public final class Await {

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(10)).filter(tick -> condition.getAsBoolean()).next())
                .as(what)
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }
}
