package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.report.ServerTrace;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches the server's per-turn trace of a finished call ({@code GET /calls/{callSid}/trace}),
 * with the {@code OPERATOR_TOKEN} from the environment when the server requires one.
 * A missing endpoint, a missing call, a bad body or a timeout all give an empty result: overhead
 * is then reported as unavailable, never guessed. A 404 is retried briefly, since the server may
 * still be closing the call.
 */
final class TraceClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int RETRIES_ON_404 = 2;
    private static final Duration RETRY_DELAY = Duration.ofMillis(200);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    TraceClient(HttpClient http, URI base, Duration timeout) {
        this.http = http;
        this.base = base;
        this.timeout = timeout;
    }

    Mono<Optional<ServerTrace>> fetch(String callSid) {
        return fetchOnce(callSid)
                .repeatWhenEmpty(RETRIES_ON_404, attempts -> attempts.delayElements(RETRY_DELAY))
                .map(Optional::of)
                .onErrorResume(e -> Mono.just(Optional.empty()));
    }

    private Mono<ServerTrace> fetchOnce(String callSid) {
        String operatorToken = System.getenv("OPERATOR_TOKEN");
        HttpClient client = operatorToken == null || operatorToken.isBlank() ? http
                : http.headers(headers -> headers.set("Authorization", "Bearer " + operatorToken));
        return client.get()
                .uri(base.resolve("/calls/" + callSid + "/trace").toString())
                .responseSingle((response, body) -> response.status().code() == 200
                        ? body.asString().flatMap(json -> Mono.justOrEmpty(parse(callSid, json)))
                        : Mono.empty())
                .timeout(timeout);
    }

    /**
     * Reads {"turns":[{"turn":1,"simulatedDelayMs":790.0,"overheadMs":1.2,"transcript":"…","turnEndMs":210.0,"sttFinalMs":250.0,…}]};
     * turns without a numeric delay are left out of the delays, turns without a transcript and a numeric
     * turn end out of the turn ends.
     */
    static Optional<ServerTrace> parse(String callSid, String json) {
        try {
            JsonNode turns = JSON.readTree(json).path("turns");
            Map<Integer, Double> delays = new HashMap<>();
            Map<Integer, Double> serverOverheads = new HashMap<>();
            List<ServerTrace.TurnEnd> ends = new ArrayList<>();
            for (JsonNode turn : turns.values()) {
                if (turn.path("transcript").isString() && turn.path("turnEndMs").isNumber()) {
                    ends.add(new ServerTrace.TurnEnd(turn.path("transcript").asString(), turn.path("turnEndMs").asDouble(),
                            turn.path("sttFinalMs").isNumber() ? turn.path("sttFinalMs").asDouble() : -1));
                }
                if (turn.path("turn").isIntegralNumber() && turn.path("simulatedDelayMs").isNumber()) {
                    delays.put(turn.path("turn").asInt(), turn.path("simulatedDelayMs").asDouble());
                    if (turn.path("overheadMs").isNumber()) {
                        serverOverheads.put(turn.path("turn").asInt(), turn.path("overheadMs").asDouble());
                    }
                }
            }
            return Optional.of(new ServerTrace(callSid, delays, ends, serverOverheads));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
