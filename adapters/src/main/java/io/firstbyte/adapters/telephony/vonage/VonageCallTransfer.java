package io.firstbyte.adapters.telephony.vonage;

import io.firstbyte.adapters.http.ProviderFailure;
import io.firstbyte.adapters.http.ProviderHttp;
import io.firstbyte.adapters.telephony.common.CallIds;
import io.firstbyte.adapters.telephony.common.GatewayRest;
import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.tool.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Vonage Voice API's transfer of a live call to a new NCCO, how a Vonage call is handed over:
 * {@code PUT /v1/calls/{uuid}} with {@code Authorization: Bearer <JWT>} and the JSON body
 * {@code {"action":"transfer","destination":{"type":"ncco","ncco":[{"action":"connect","endpoint":[{"type":"phone","number":"1555…"}]}]}}}.
 * The call's uuid is the one the NCCO's WebSocket {@code headers} pass in the first message ({@code uuid}).
 * Vonage leaves the current NCCO (the WebSocket leg ends) and connects the caller to the number.
 *
 * <p>The JWT is Vonage's application token, signed here with the JDK's {@code SHA256withRSA} (RS256), off the
 * event loops: claims {@code application_id}, {@code iat}, {@code exp} (five minutes on) and a fresh {@code jti}.
 * Over reactor-netty, one small keep-alive pool, no redirects, one bound on the whole exchange, never retried
 * here. Failures are {@link ProviderFailure}s with their {@link ErrorCategory}. Thread-safe; {@link #close}
 * releases the pool.
 */
public final class VonageCallTransfer implements AutoCloseable {

    private static final String PROVIDER = "vonage-voice";
    private static final Pattern CALL_UUID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String JWT_HEADER = BASE64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ConnectionProvider pool;
    private final HttpClient http;
    private final String callsUrl;
    private final String applicationId;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final Duration timeout;

    /**
     * @param apiBase       {@code https://api.nexmo.com} (a local fake in tests)
     * @param privateKeyPem the application's private key as Vonage issues it (PKCS#8 PEM, {@code BEGIN PRIVATE KEY})
     * @param timeout       bound on connecting, sending and the answer together
     */
    public VonageCallTransfer(String apiBase, String applicationId, String privateKeyPem, Clock clock, Duration timeout) {
        if (applicationId.isBlank()) {
            throw new IllegalArgumentException("Vonage's Voice API needs the application id");
        }
        String base = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        this.callsUrl = base + "/v1/calls/";
        this.applicationId = applicationId.strip();
        this.privateKey = privateKey(privateKeyPem);
        this.clock = clock;
        this.timeout = timeout;
        this.pool = ProviderHttp.pool(PROVIDER, 16, Duration.ofSeconds(30));
        this.http = ProviderHttp.pooledClient(pool, timeout, timeout).followRedirect(false);
    }

    /** The documented request body; Vonage's phone endpoint takes the E.164 number without its {@code +}. */
    static String body(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        return "{\"action\":\"transfer\",\"destination\":{\"type\":\"ncco\",\"ncco\":[{\"action\":\"connect\",\"endpoint\":"
                + "[{\"type\":\"phone\",\"number\":" + JsonText.quote(digits) + "}]}]}}";
    }

    /** Tells Vonage to connect call {@code uuid} to {@code number}; completes once Vonage accepted it. */
    public Mono<Void> transfer(String uuid, String number) {
        if (!CALL_UUID.matcher(uuid).matches()) {
            return Mono.error(ProviderFailure.of(PROVIDER, ErrorCategory.INVALID_REQUEST, "not a Vonage call uuid"));
        }
        // Signing draws on SecureRandom (the jti) and RSA, which may block: never on an event loop.
        Mono<Integer> status = Mono.fromCallable(this::token).subscribeOn(Schedulers.boundedElastic()).flatMap(token -> GatewayRest.status(http.headers(headers -> headers
                                .set("Authorization", "Bearer " + token)
                                .set("Content-Type", "application/json")
                                .set("Accept", "application/json"))
                        .put()
                        .uri(callsUrl + uuid)
                        .send(ByteBufFlux.fromInbound(Mono.just(body(number).getBytes(StandardCharsets.UTF_8))))));
        return GatewayRest.accepted(status, PROVIDER, "transfer", timeout);
    }

    /** A fresh RS256 application token. */
    String token() throws GeneralSecurityException {
        long now = clock.instant().getEpochSecond();
        String claims = "{\"application_id\":" + JsonText.quote(applicationId) + ",\"iat\":" + now + ",\"exp\":"
                + (now + TOKEN_LIFETIME.toSeconds()) + ",\"jti\":\"" + CallIds.random() + "\"}";
        String signedPart = JWT_HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(privateKey);
        rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
        return signedPart + "." + BASE64URL.encodeToString(rs256.sign());
    }

    private static PrivateKey privateKey(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the Vonage private key must be PKCS#8 (BEGIN PRIVATE KEY), as Vonage issues it; "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replace("\\n", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException error) {
            throw new IllegalArgumentException("the Vonage private key is not a PKCS#8 RSA key in PEM", error);
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
