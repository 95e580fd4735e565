package io.firstbyte.adapters.telephony.telnyx;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.telephony.common.GatewayRest;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.tool.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Telnyx Call Control's {@code transfer} command, how a Call Control call is handed over:
 * {@code POST /v2/calls/{call_control_id}/actions/transfer} with {@code Authorization: Bearer <API key>}
 * and the JSON body {@code {"to":"+1…","command_id":"…"}}. The call control id is the one the media
 * stream's {@code start} message carries (the call's id here). Telnyx dials the number and bridges the
 * caller to it; the stream stops. {@code command_id} is Telnyx's documented guard against duplicate
 * commands: the same call always sends the same one, so a repeated request does not dial twice.
 *
 * <p>Over reactor-netty on the shared event loops, one small keep-alive pool, no redirects, one bound
 * on the whole exchange, never retried here. Failures are {@link ProviderFailure}s with their
 * {@link ErrorCategory}. Thread-safe; {@link #close} releases the pool.
 */
public final class TelnyxCallTransfer implements AutoCloseable {

    private static final String PROVIDER = "telnyx-call-control";
    /** Call control ids look like {@code v3:…}: letters, digits and {@code : _ - .}, nothing that could leave the path. */
    private static final Pattern CALL_CONTROL_ID = Pattern.compile("[A-Za-z0-9:_.-]{1,256}");

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final String callsUrl;
    private final String authorization;
    private final Duration timeout;

    /**
     * @param apiBase {@code https://api.telnyx.com} (a local fake in tests)
     * @param timeout bound on connecting, sending and the answer together
     */
    public TelnyxCallTransfer(String apiBase, String apiKey, Duration timeout) {
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("Telnyx Call Control needs the API key");
        }
        String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.callsUrl = base + "/v2/calls/";
        this.authorization = "Bearer " + apiKey.strip();
        this.timeout = timeout;
        this.pool = ProviderHttp.pool(PROVIDER, 16, Duration.ofSeconds(30));
        this.http = ProviderHttp.pooledClient(pool, timeout, timeout).followRedirect(false);
    }

    /** The documented request body: the number to dial and the command's id for this call. */
    static String body(String callControlId, String number) {
        return "{\"to\":" + JsonText.quote(number) + ",\"command_id\":" + JsonText.quote(commandId(callControlId)) + "}";
    }

    /** One id per call: Telnyx ignores a command repeated with the same id. */
    static String commandId(String callControlId) {
        return "firstbyte-transfer-" + callControlId;
    }

    /** Tells Telnyx to connect call {@code callControlId} to {@code number}; completes once Telnyx accepted it. */
    public Mono<Void> transfer(String callControlId, String number) {
        if (!CALL_CONTROL_ID.matcher(callControlId).matches()) {
            return Mono.error(ProviderFailure.of(PROVIDER, ErrorCategory.INVALID_REQUEST, "not a Telnyx call control id"));
        }
        byte[] json = body(callControlId, number).getBytes(StandardCharsets.UTF_8);
        HttpClient.ResponseReceiver<?> request = http.headers(headers -> headers
                        .set("Authorization", authorization)
                        .set("Content-Type", "application/json")
                        .set("Accept", "application/json"))
                .post()
                .uri(callsUrl + callControlId + "/actions/transfer")
                .send(ByteBufFlux.fromInbound(Mono.just(json)));
        return GatewayRest.accepted(GatewayRest.status(request), PROVIDER, "transfer", timeout);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
