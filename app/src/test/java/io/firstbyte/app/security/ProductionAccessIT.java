package io.firstbyte.app.security;

import static io.firstbyte.app.security.RawHttp.remote;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A production server with every secret set, driven over the network. Every protected route is
 * decided on the path the router sees: a variant the router would normalise to a protected route
 * (percent-encoded letters, a trailing slash) is treated as that route, and a variant the
 * firewall cannot read one way only ({@code ;} parameters, {@code //}, dot segments, encoded
 * slashes or percents) is refused with 400; none reaches a handler without credentials. Requests
 * come from another machine's address (203.0.113.7) through {@link ClientAddressFromHeader}.
 * Run on the code before the chain, {@code /%63alls} and {@code /calls;x=1} answered 200 with
 * {@code OPERATOR_TOKEN} set, and {@code /twilio/m%65dia} or {@code /audio/t%65lnyx} upgraded (101)
 * without credentials.
 */
@ProductionServer
class ProductionAccessIT {

    static final String OPERATOR = ProductionServer.OPERATOR;
    static final String METRICS = ProductionServer.METRICS;
    static final String TWILIO = ProductionServer.TWILIO;
    static final String GATEWAY = ProductionServer.GATEWAY;

    @LocalServerPort
    int port;

    private RawHttp http() {
        return new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /calls, 401",
            "GET, /calls/, 401",
            "GET, /%63alls, 401",
            "GET, /%63%61%6c%6c%73, 401",
            "GET, /calls/CA1/trace, 401",
            "GET, /%63alls/CA1/trace, 401",
            "GET, /calls/CA1/tr%61ce, 401",
            "POST, /calls/CA1/hangup, 401",
            "POST, /calls/CA1/h%61ngup, 401",
            "GET, /calls;x=1, 400",
            "GET, /calls;x=1/CA1/trace, 400",
            "GET, /calls/CA1;x=1/trace, 400",
            "GET, /calls%3Bx=1, 400",
            "GET, //calls, 400",
            "GET, /calls//CA1/trace, 400",
            "GET, /./calls, 400",
            "GET, /api/../calls, 400",
            "GET, /calls%2FCA1%2Ftrace, 400",
            "GET, /%2563alls, 400",
            "GET, /CALLS, 404",
            "GET, /actuator/prometheus, 401",
            "GET, /actuator/pr%6Fmetheus, 401",
            "GET, /actuator/prometheus/, 401",
            "GET, /actuator/prometheus;x=1, 400",
            "GET, /actuator//prometheus, 400",
            "GET, /actuator/metrics, 401",
            "GET, /actuator/metrics/jvm.memory.used, 401",
            "GET, /%61ctuator/metrics/jvm.memory.used, 401"})
    void protectedRouteVariantsFromAnotherMachineNeverReachAHandlerWithoutAToken(String method, String target, int status) {
        RawHttp.Response response = method.equals("GET") ? http().get(target, remote())
                : http().post(target, remote(), "application/json", "{}");
        assertThat(response.status()).as("%s %s answered %s", method, target, response).isEqualTo(status);
        assertThat(response.isOneLineJson()).as("one-line JSON error: %s", response).isTrue();
    }

    @Test
    void theOperatorTokenOpensCallControlFromAnywhereAndOnTheRoutersVariantsToo() {
        Map<String, String> bearer = remote("Authorization", "Bearer " + OPERATOR);
        assertThat(http().get("/calls", bearer).status()).isEqualTo(200);
        assertThat(http().get("/%63alls", bearer).status()).isEqualTo(200);
        assertThat(http().get("/calls/CA-unknown/trace", bearer).status()).isEqualTo(404);
        assertThat(http().post("/calls/CA-unknown/hangup", bearer, "application/json", "{}").status()).isEqualTo(404);
    }

    @Test
    void aWrongOrMisplacedTokenIsRefusedEvenFromThisMachine() {
        RawHttp.Response wrong = http().get("/calls", Map.of("Authorization", "Bearer " + OPERATOR + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("OPERATOR_TOKEN").doesNotContain(OPERATOR);
        assertThat(http().get("/calls", Map.of()).status()).as("loopback without a token").isEqualTo(401);
        assertThat(http().get("/calls", remote("Authorization", "Bearer " + METRICS)).status())
                .as("the scrape token is not an operator token").isEqualTo(403);
        assertThat(http().get("/calls", remote("Authorization", "Bearer " + GATEWAY)).status())
                .as("a gateway's token is not an operator token").isEqualTo(403);
    }

    @Test
    void metricsNeedTheScrapeOrTheOperatorTokenAndHealthStaysOpen() {
        assertThat(http().get("/actuator/prometheus", remote("Authorization", "Bearer " + METRICS)).status()).isEqualTo(200);
        assertThat(http().get("/actuator/prometheus", remote("Authorization", "Bearer " + OPERATOR)).status()).isEqualTo(200);
        assertThat(http().get("/actuator/prometheus", Map.of()).status()).as("loopback without a token").isEqualTo(401);
        assertThat(http().get("/actuator/health", remote()).status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness", remote()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "upgrade {0} -> {1}")
    @CsvSource({
            "/twilio/media, 403",
            "/twilio/m%65dia, 403",
            "/twilio/media/, 403",
            "/twilio/media;x=1, 400",
            "//twilio/media, 400",
            "/audio/telnyx, 401",
            "/audio/t%65lnyx, 401",
            "/audio/telnyx/, 401",
            "/audio/telnyx;x=1, 400",
            "/audio//telnyx, 400",
            "/audio/freeswitch, 401",
            "/audio/fr%65eswitch, 401",
            "/audio/jambonz, 401",
            "/audio/j%61mbonz, 401",
            "/audio/asterisk, 401",
            "/audio/%61sterisk, 401",
            "/audio/asterisk;x=1, 400",
            "/audio/unknown, 404"})
    void gatewayUpgradeVariantsWithoutCredentialsAreRefusedBeforeAnyCallWork(String target, int status) {
        RawHttp.Response response = http().upgrade(target, remote());
        assertThat(response.status()).as("upgrade %s answered %s", target, response).isEqualTo(status);
        assertThat(response.isOneLineJson()).as("one-line JSON error: %s", response).isTrue();
    }

    @Test
    void gatewaysPresentingTheirCredentialsAreUpgradedOnTheRoutersVariantsToo() {
        String twilio = new TwilioSignature(TWILIO).sign("wss://voice.example.com/twilio/media", Map.of());
        assertThat(http().upgrade("/twilio/media", remote("X-Twilio-Signature", twilio)).status()).isEqualTo(101);
        assertThat(http().upgrade("/twilio/m%65dia", remote("X-Twilio-Signature", twilio)).status()).isEqualTo(101);
        assertThat(http().upgrade("/audio/t%65lnyx", remote("x-telnyx-streaming-auth-token", GATEWAY)).status()).isEqualTo(101);
        assertThat(http().upgrade("/audio/freeswitch", remote("Authorization", "Bearer " + GATEWAY)).status()).isEqualTo(101);
        assertThat(http().upgrade("/audio/jambonz", remote("Authorization", basic("jambonz", GATEWAY))).status()).isEqualTo(101);
        assertThat(http().upgrade("/audio/asterisk", remote("Authorization", basic("asterisk", GATEWAY))).status()).isEqualTo(101);
        assertThat(http().upgrade("/audio/plivo", remote()).status()).as("Plivo's secret is in its first message").isEqualTo(101);
        assertThat(http().upgrade("/audio/vonage", remote()).status()).as("Vonage's secret is in its first message").isEqualTo(101);
    }

    @Test
    void plivosTransferUrlIsServedWithPlivoButAnswersNothingUnsigned() {
        RawHttp.Response unsigned = http().post("/plivo/transfer", remote(), "application/x-www-form-urlencoded", "CallUUID=abc");
        assertThat(unsigned.status()).as("without PLIVO_AUTH_TOKEN no signature can be checked").isEqualTo(403);
        assertThat(unsigned.isOneLineJson()).isTrue();
        assertThat(http().post("/plivo/transfer", remote("X-Plivo-Signature-V3", "x"),
                "application/x-www-form-urlencoded", "CallUUID=abc").status()).isEqualTo(403);
    }

    @Test
    void oneGatewaysCredentialsDoNotOpenAnother() {
        assertThat(http().upgrade("/audio/telnyx", remote("Authorization", "Bearer " + OPERATOR)).status()).isEqualTo(403);
        assertThat(http().upgrade("/audio/jambonz", remote("Authorization", basic("asterisk", GATEWAY))).status()).isEqualTo(403);
        assertThat(http().upgrade("/audio/asterisk", remote("Authorization", basic("asterisk", GATEWAY + "x"))).status()).isEqualTo(401);
    }

    @Test
    void routesNobodyConfiguredAreNotServed() {
        RawHttp.Response unknown = http().get("/nothing-here", remote());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isOneLineJson()).isTrue();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
