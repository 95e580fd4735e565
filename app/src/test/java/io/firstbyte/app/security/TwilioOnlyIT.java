package io.firstbyte.app.security;

import static io.firstbyte.app.security.RawHttp.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.adapters.telephony.twilio.TwilioSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server with only {@code TWILIO_AUTH_TOKEN} set serves Twilio and nothing else: every other
 * WebSocket gateway is refused at the upgrade, the AudioSocket port is not listening, call
 * registration and the Vapi and Retell webhooks are refused, and call control and metrics are
 * closed even to this machine (no operator or scrape token). On the code before, this deployment
 * ran a full agent for anyone through every other dialect and AudioSocket (on 0.0.0.0).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.providers.simulated.profile=fast",
        "firstbyte.telephony.twilio-auth-token=" + TwilioOnlyIT.TOKEN,
        "firstbyte.telephony.public-url=https://voice.example.com"})
@Import(ClientAddressFromHeader.class)
class TwilioOnlyIT {

    static final String TOKEN = "twilio-only-secret";
    static final int AUDIOSOCKET_PORT = freePort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void audioSocketPort(DynamicPropertyRegistry registry) {
        registry.add("firstbyte.telephony.audiosocket.port", () -> AUDIOSOCKET_PORT);
    }

    private RawHttp http() {
        return new RawHttp(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"telnyx", "plivo", "freeswitch", "jambonz", "vonage", "asterisk"})
    void everyOtherGatewaysUpgradeIsRefused(String dialect) {
        for (Map<String, String> client : List.of(remote(), Map.<String, String>of())) {
            RawHttp.Response response = http().upgrade("/audio/" + dialect, client);
            assertThat(response.status()).as("%s from %s: %s", dialect, client, response).isEqualTo(403);
            assertThat(response.body()).contains("ENABLED=true");
        }
    }

    @Test
    void theAudioSocketPortIsNotListening() {
        assertThatThrownBy(() -> new Socket("127.0.0.1", AUDIOSOCKET_PORT).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void callRegistrationAndOtherPlatformsWebhooksAreRefused() {
        assertThat(http().post("/audiosocket/calls", remote(), "application/x-www-form-urlencoded",
                "uuid=0b7f1f5e-4c55-4d0a-9a57-3f1f1c9b2a10&to=%2B15550100100").status()).isEqualTo(403);
        RawHttp.Response afterStream = http().get("/asterisk/after-stream?call=1718000000.42", remote());
        assertThat(afterStream.status()).isEqualTo(403);
        assertThat(afterStream.body()).contains("ASTERISK_WS_ENABLED=true", "AUDIOSOCKET_ENABLED=true");
        assertThat(http().post("/tools/vapi", remote(), "application/json", "{}").status()).isEqualTo(403);
        RawHttp.Response plivoTransfer = http().post("/plivo/transfer", remote(), "application/x-www-form-urlencoded", "CallUUID=abc");
        assertThat(plivoTransfer.status()).as("Plivo is not enabled").isEqualTo(403);
        assertThat(plivoTransfer.body()).contains("PLIVO_ENABLED=true");
        assertThat(http().post("/tools/retell", remote(), "application/json", "{}").status()).isEqualTo(403);
        assertThat(http().post("/tools/retell/check_availability", remote(), "application/json", "{}").status()).isEqualTo(403);
    }

    @Test
    void callControlAndMetricsAreClosedEvenToThisMachineAndSayWhatToSet() {
        RawHttp.Response calls = http().get("/calls", Map.of());
        assertThat(calls.status()).isEqualTo(403);
        assertThat(calls.isOneLineJson()).isTrue();
        assertThat(calls.body()).contains("OPERATOR_TOKEN");
        RawHttp.Response metrics = http().get("/actuator/prometheus", Map.of());
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(metrics.body()).contains("METRICS_TOKEN");
        assertThat(http().get("/actuator/health", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void twilioIsServed() {
        String signature = new TwilioSignature(TOKEN).sign("wss://voice.example.com/twilio/media", Map.of());
        assertThat(http().upgrade("/twilio/media", remote("X-Twilio-Signature", signature)).status()).isEqualTo(101);
        assertThat(http().upgrade("/twilio/media", remote()).status()).isEqualTo(403);
        String form = "CallSid=CA1&From=%2B12349013030&To=%2B15550100100";
        String voice = new TwilioSignature(TOKEN).sign("https://voice.example.com/twilio/voice",
                Map.of("CallSid", List.of("CA1"), "From", List.of("+12349013030"), "To", List.of("+15550100100")));
        RawHttp.Response twiml = http().post("/twilio/voice", remote("X-Twilio-Signature", voice),
                "application/x-www-form-urlencoded", form);
        assertThat(twiml.status()).as("%s", twiml).isEqualTo(200);
        assertThat(twiml.body()).contains("<Stream url=\"wss://voice.example.com/twilio/media\"");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
