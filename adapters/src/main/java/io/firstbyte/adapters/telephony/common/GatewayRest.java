package io.firstbyte.adapters.telephony.common;

import io.firstbyte.adapters.http.FailureClassifier;
import io.firstbyte.adapters.http.ProviderFailure;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** One call-control request to a gateway's REST API (a transfer, a call update): accepted on any 2xx, bounded, classified. */
public final class GatewayRest {

    private GatewayRest() {
    }

    /** The response's status code, its body read and released. */
    public static Mono<Integer> status(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> response.status().code()));
    }

    /** Completes when {@code status} is 2xx; any other status, a timeout or a connection failure is {@code provider}'s classified failure. */
    public static Mono<Void> accepted(Mono<Integer> status, String provider, String what, Duration timeout) {
        return status
                .flatMap(code -> code / 100 == 2 ? Mono.<Void>empty()
                        : Mono.error(ProviderFailure.of(provider, FailureClassifier.forStatus(code), what + " answered HTTP " + code)))
                .timeout(timeout)
                .onErrorMap(error -> FailureClassifier.classify(provider, error));
    }
}
