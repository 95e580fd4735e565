package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.bench.calls.caller.CallResult;
import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.SpokenScript;
import io.firstbyte.bench.calls.caller.TurnTiming;
import io.firstbyte.bench.calls.report.TracedCall;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** The server traces are read once every call has ended, so the simulator's own HTTP work never runs beside a call. */
class CallSimulatorTraceTest {

    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @Test
    void everyCallsTraceIsFetchedAfterTheLastCallEndedAndBelongsToItsCall() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/calls/{sid}/trace", (request, response) -> {
                    String sid = request.param("sid");
                    events.add("trace " + sid);
                    return response.header("Content-Type", "application/json").sendString(Mono.just(
                            "{\"turns\":[{\"turn\":1,\"simulatedDelayMs\":500.0,\"overheadMs\":1.5}]}"));
                }))
                .bindNow();
        try {
            AtomicInteger started = new AtomicInteger();
            // Calls of different lengths: the first ends long before the last.
            CallTransport transport = (session, outgoing) -> Mono.delay(Duration.ofMillis(50L + 300L * started.getAndIncrement()))
                    .map(tick -> {
                        events.add("ended " + session.callSid());
                        return new CallResult(session.callSid(), true, List.of(new TurnTiming(1, 503_000_000L)), 0, List.of(),
                                0, 0, 0, Map.of(), List.of());
                    });
            TraceClient traces = new TraceClient(HttpClient.create(), URI.create("http://127.0.0.1:" + server.port()),
                    Duration.ofSeconds(30));
            CallSimulator simulator = new CallSimulator(CallsCommandLine.parse("--calls", "3").orElseThrow(),
                    SpokenScript.of(new CallerScript(List.of("Hi."), 0)), transport, traces);

            List<TracedCall> calls = simulator.run().block(Duration.ofMinutes(2));

            assertThat(calls).hasSize(3).allSatisfy(call -> {
                assertThat(call.trace()).hasValueSatisfying(trace -> assertThat(trace.callSid()).isEqualTo(call.result().callSid()));
                assertThat(call.overheadMillis(call.result().turns().getFirst())).hasValueSatisfying(ms -> assertThat(ms).isCloseTo(3.0, within(1e-9)));
            });
            List<String> order = List.copyOf(events);
            assertThat(order.subList(0, 3)).allMatch(event -> event.startsWith("ended "));
            assertThat(order.subList(3, 6)).allMatch(event -> event.startsWith("trace "));
        } finally {
            server.disposeNow();
        }
    }
}
