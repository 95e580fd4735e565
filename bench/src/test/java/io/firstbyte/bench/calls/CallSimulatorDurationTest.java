package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.ErrorKind;
import io.firstbyte.bench.calls.caller.SpokenScript;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** {@code --duration}: k6's constant virtual users, each caller dialling again until the time is up. */
class CallSimulatorDurationTest {

    private static final Duration CALL_LENGTH = Duration.ofSeconds(25);

    private final ConcurrentLinkedQueue<Long> dialledAtMillis = new ConcurrentLinkedQueue<>();

    @Test
    void withoutADurationEachCallerDialsOnce() {
        StepVerifier.withVirtualTime(() -> simulator("--calls", "3").run())
                .thenAwait(Duration.ofMinutes(5))
                .assertNext(calls -> assertThat(calls).hasSize(3))
                .verifyComplete();
        assertThat(dialledAtMillis).containsOnly(0L);
    }

    @Test
    void withADurationEachCallerDialsAgainWhenItsCallEndsUntilTheTimeIsUpAndTheLastCallsFinish() {
        StepVerifier.withVirtualTime(() -> simulator("--calls", "2", "--ramp", "10s", "--duration", "60s").run())
                .thenAwait(Duration.ofMinutes(5))
                .assertNext(calls -> assertThat(calls).hasSize(6))
                .verifyComplete();
        // caller 0 at 0, 25, 50 s; caller 1 (ramped) at 5, 30, 55 s; none starts at 60 s or later
        assertThat(dialledAtMillis).containsExactlyInAnyOrder(0L, 25_000L, 50_000L, 5_000L, 30_000L, 55_000L);
    }

    private CallSimulator simulator(String... flags) {
        CallsOptions options = CallsCommandLine.parse(flags).orElseThrow();
        VirtualTimeScheduler clock = VirtualTimeScheduler.get();
        // Every call "fails to connect" after CALL_LENGTH, so no server trace is fetched.
        CallTransport transport = (session, outgoing) -> Mono.fromRunnable(() -> dialledAtMillis.add(clock.now(TimeUnit.MILLISECONDS)))
                .then(Mono.delay(CALL_LENGTH))
                .map(tick -> new CallResult(session.callSid(), false, List.of(), 0, List.of(), 0, 0, 0,
                        Map.of(ErrorKind.CONNECTION_FAILURE, 1), List.of("simulated")));
        TraceClient traces = new TraceClient(HttpClient.create(), URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1));
        return new CallSimulator(options, SpokenScript.of(new CallerScript(List.of("Hi."), 0)), transport, traces,
                () -> clock.now(TimeUnit.NANOSECONDS));
    }
}
