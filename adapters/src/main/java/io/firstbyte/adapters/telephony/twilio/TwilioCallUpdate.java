package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.telephony.common.GatewayRest;
import io.firstbyte.pipeline.error.ErrorCategory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Twilio's REST update of a live call with new TwiML, the second documented way to hand a caller over
 * (the first is {@code <Connect>}'s action URL): {@code POST /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json}
 * with the form {@code Twiml=<Response>…</Response>} (UTF-8, {@code application/x-www-form-urlencoded}),
 * authenticated with HTTP Basic (account SID, auth token). Twilio leaves the call's current TwiML (the
 * stream ends) and runs the new one; it answers {@code 200} with the call's JSON.
 *
 * <p>Over reactor-netty on the shared event loops (nothing blocks), one small keep-alive pool, no
 * redirects followed, and one bound on the whole exchange. Never retried here: a retry after a timeout
 * could restart a dial Twilio already began. Failures are {@link ProviderFailure}s with their
 * {@link ErrorCategory}. Thread-safe; {@link #close} releases the pool.
 */
public final class TwilioCallUpdate implements AutoCloseable {

    private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-zA-Z]{1,64}");
    private static final String PROVIDER = "twilio-rest";

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final String accountUrl;
    private final String authorization;
    private final Duration timeout;

    /**
     * @param apiBase {@code https://api.twilio.com} (a local fake in tests)
     * @param timeout bound on connecting, sending and the answer together
     */
    public TwilioCallUpdate(String apiBase, String accountSid, String authToken, Duration timeout) {
        if (accountSid.isEmpty() || authToken.isEmpty()) {
            throw new IllegalArgumentException("Twilio's REST API needs the account SID and the auth token");
        }
        String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.accountUrl = base + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.pool = ProviderHttp.pool(PROVIDER, 16, Duration.ofSeconds(30));
        this.http = ProviderHttp.pooledClient(pool, timeout, timeout).followRedirect(false);
    }

    /** Replaces call {@code callSid}'s TwiML with {@code twiml}; completes once Twilio accepted it. */
    public Mono<Void> update(String callSid, String twiml) {
        if (!CALL_SID.matcher(callSid).matches()) {
            return Mono.error(ProviderFailure.of(PROVIDER, ErrorCategory.INVALID_REQUEST, "not a Twilio call SID"));
        }
        byte[] form = ("Twiml=" + URLEncoder.encode(twiml, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        HttpClient.ResponseReceiver<?> request = http.headers(headers -> headers
                        .set("Authorization", authorization)
                        .set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .set("Accept", "application/json"))
                .post()
                .uri(accountUrl + "/Calls/" + callSid + ".json")
                .send(ByteBufFlux.fromInbound(Mono.just(form)));
        return GatewayRest.accepted(GatewayRest.status(request), PROVIDER, "call update", timeout);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
