package io.firstbyte.adapters.telephony.plivo;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.telephony.common.GatewayRest;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.tool.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Plivo's "Transfer a call", how a Plivo call is handed over: {@code POST /v1/Account/{auth_id}/Call/{call_uuid}/}
 * with HTTP Basic (auth id, auth token) and the JSON body {@code {"legs":"aleg","aleg_url":"…","aleg_method":"POST"}},
 * as Plivo's SDKs send it; Plivo answers {@code 202}. Plivo then leaves the call's current XML (the audio stream
 * stops) and requests {@code aleg_url} for the XML to run next, where the server answers {@code <Dial>}. The call
 * uuid is the {@code callId} of the audio stream's {@code start} message (the call's id here).
 *
 * <p>Over reactor-netty on the shared event loops, one small keep-alive pool, no redirects, one bound on the
 * whole exchange, never retried here (a retry after a timeout could transfer a call Plivo already moved on).
 * Failures are {@link ProviderFailure}s with their {@link ErrorCategory}. Thread-safe; {@link #close} releases
 * the pool.
 */
public final class PlivoCallTransfer implements AutoCloseable {

    private static final String PROVIDER = "plivo-voice";
    /** Plivo call uuids are UUIDs: letters, digits and {@code -}, nothing that could leave the path. */
    private static final Pattern CALL_UUID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    /** Account and subaccount auth ids ({@code MA…}, {@code SA…}) are letters and digits. */
    private static final Pattern AUTH_ID = Pattern.compile("[A-Za-z0-9]{1,64}");

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final String callsUrl;
    private final String authorization;
    private final Duration timeout;

    /**
     * @param apiBase {@code https://api.plivo.com} (a local fake in tests)
     * @param timeout bound on connecting, sending and the answer together
     */
    public PlivoCallTransfer(String apiBase, String authId, String authToken, Duration timeout) {
        if (!AUTH_ID.matcher(authId).matches() || authToken.isBlank()) {
            throw new IllegalArgumentException("Plivo's Voice API needs the auth id (letters and digits) and the auth token");
        }
        String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.callsUrl = base + "/v1/Account/" + authId + "/Call/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((authId + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.pool = ProviderHttp.pool(PROVIDER, 16, Duration.ofSeconds(30));
        this.http = ProviderHttp.pooledClient(pool, timeout, timeout).followRedirect(false);
    }

    /** The documented request body: the caller's leg (the A leg) goes to {@code alegUrl}, requested with POST. */
    static String body(String alegUrl) {
        return "{\"legs\":\"aleg\",\"aleg_url\":" + JsonText.quote(alegUrl) + ",\"aleg_method\":\"POST\"}";
    }

    /** Tells Plivo to run the XML at {@code alegUrl} on call {@code callUuid}; completes once Plivo accepted it. */
    public Mono<Void> transfer(String callUuid, String alegUrl) {
        if (!CALL_UUID.matcher(callUuid).matches()) {
            return Mono.error(ProviderFailure.of(PROVIDER, ErrorCategory.INVALID_REQUEST, "not a Plivo call uuid"));
        }
        byte[] json = body(alegUrl).getBytes(StandardCharsets.UTF_8);
        HttpClient.ResponseReceiver<?> request = http.headers(headers -> headers
                        .set("Authorization", authorization)
                        .set("Content-Type", "application/json")
                        .set("Accept", "application/json"))
                .post()
                .uri(callsUrl + callUuid + "/")
                .send(ByteBufFlux.fromInbound(Mono.just(json)));
        return GatewayRest.accepted(GatewayRest.status(request), PROVIDER, "transfer", timeout);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
