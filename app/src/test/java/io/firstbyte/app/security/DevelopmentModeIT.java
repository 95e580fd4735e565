package io.firstbyte.app.security;

import static io.firstbyte.app.security.RawHttp.remote;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The README's first command as it is (no secret, embedded stores): development mode. Every
 * gateway and webhook is open; call control and metrics answer this machine only, on every path
 * variant the router would route; health is open. Other machines are played with
 * {@link ClientAddressFromHeader}. On the code before the chain, {@code /%63alls} and
 * {@code /calls;x=1} answered another machine, and metrics were open to anyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.providers.simulated.profile=fast"})
@Import(ClientAddressFromHeader.class)
class DevelopmentModeIT {

    @LocalServerPort
    int port;

    @Autowired
    IngressPolicy policy;

    private RawHttp http() {
        return new RawHttp(port);
    }

    @Test
    void theReadmesFirstCommandRunsInDevelopmentModeServingEverything() {
        assertThat(policy.mode()).isEqualTo(ServingMode.DEVELOPMENT);
        assertThat(policy.served()).containsExactlyInAnyOrder(Ingress.values());
    }

    @Test
    void thisMachineReachesCallControlAndMetrics() {
        assertThat(http().get("/calls", Map.of()).status()).isEqualTo(200);
        assertThat(http().get("/actuator/prometheus", Map.of()).status()).isEqualTo(200);
        assertThat(http().get("/actuator/metrics/jvm.memory.used", Map.of()).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /calls, 403",
            "GET, /calls/, 403",
            "GET, /%63alls, 403",
            "GET, /calls/CA1/trace, 403",
            "GET, /%63alls/CA1/tr%61ce, 403",
            "POST, /calls/CA1/hangup, 403",
            "POST, /calls/CA1/h%61ngup, 403",
            "GET, /calls;x=1, 400",
            "GET, /calls%3Bx=1, 400",
            "GET, //calls, 400",
            "GET, /./calls, 400",
            "GET, /calls%2FCA1%2Ftrace, 400",
            "GET, /CALLS, 404",
            "GET, /actuator/prometheus, 403",
            "GET, /actuator/pr%6Fmetheus, 403",
            "GET, /actuator/prometheus;x=1, 400",
            "GET, /actuator/metrics/jvm.memory.used, 403"})
    void anotherMachineReachesNeitherCallControlNorMetricsOnAnyVariant(String method, String target, int status) {
        RawHttp.Response response = method.equals("GET") ? http().get(target, remote())
                : http().post(target, remote(), "application/json", "{}");
        assertThat(response.status()).as("%s %s answered %s", method, target, response).isEqualTo(status);
        assertThat(response.isOneLineJson()).as("one-line JSON: %s", response).isTrue();
    }

    @Test
    void theRefusalSaysWhichVariableOpensIt() {
        assertThat(http().get("/calls", remote()).body()).contains("OPERATOR_TOKEN", "this machine");
        assertThat(http().get("/actuator/prometheus", remote()).body()).contains("METRICS_TOKEN");
    }

    @Test
    void gatewaysWebhooksAndHealthStayOpenToEveryMachine() {
        assertThat(http().get("/actuator/health", remote()).status()).isEqualTo(200);
        assertThat(http().upgrade("/twilio/media", remote()).status()).isEqualTo(101);
        for (String dialect : new String[] {"telnyx", "plivo", "freeswitch", "jambonz", "vonage", "asterisk"}) {
            assertThat(http().upgrade("/audio/" + dialect, remote()).status()).as(dialect).isEqualTo(101);
        }
        assertThat(http().post("/audiosocket/calls", remote(), "application/x-www-form-urlencoded",
                "uuid=0b7f1f5e-4c55-4d0a-9a57-3f1f1c9b2a10&to=%2B15550100100").status()).isEqualTo(204);
        assertThat(http().get("/asterisk/after-stream?call=1718000000.42", remote()).status()).isEqualTo(200);
        assertThat(http().get("/api/tools", remote()).status()).isEqualTo(200);
    }
}
