package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.bench.calls.wire.CallSetup;
import io.firstbyte.bench.calls.wire.Gateway;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;

/**
 * With a secret configured for each gateway, a gateway presenting it the way that gateway can
 * (upgrade header, HTTP Basic, bearer token, or the first message's {@code token}) is served, and
 * one presenting a wrong secret is refused before any call starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.providers.simulated.profile=fast",
                "firstbyte.telephony.gateways.telnyx-stream-token=" + GatewaySecretsIT.SECRET,
                "firstbyte.telephony.gateways.plivo-token=" + GatewaySecretsIT.SECRET,
                "firstbyte.telephony.gateways.freeswitch-token=" + GatewaySecretsIT.SECRET,
                "firstbyte.telephony.gateways.jambonz-password=" + GatewaySecretsIT.SECRET,
                "firstbyte.telephony.gateways.vonage-token=" + GatewaySecretsIT.SECRET,
                "firstbyte.telephony.gateways.asterisk-password=" + GatewaySecretsIT.SECRET,
                // secrets make this production, where each gateway is served only when enabled
                "firstbyte.security.gateways.telnyx=true", "firstbyte.security.gateways.plivo=true",
                "firstbyte.security.gateways.freeswitch=true", "firstbyte.security.gateways.jambonz=true",
                "firstbyte.security.gateways.vonage=true", "firstbyte.security.gateways.asterisk=true"})
class GatewaySecretsIT {

    static final String SECRET = "s3cretToken42";

    @LocalServerPort
    int port;

    @ParameterizedTest
    @EnumSource(value = Gateway.class, names = {"TWILIO", "AUDIOSOCKET"}, mode = EnumSource.Mode.EXCLUDE)
    void theRightSecretIsServedAndAWrongOneRefused(Gateway gateway) throws Exception {
        assertThat(greetingHeard(gateway, SECRET)).as("served with the right secret").isTrue();
        assertThat(greetingHeard(gateway, "wrong" + SECRET)).as("refused with a wrong secret").isFalse();
        assertThat(greetingHeard(gateway, "")).as("refused without a secret").isFalse();
    }

    /** Whether the greeting is heard before the server refuses or closes the connection (waiting generously for either). */
    private boolean greetingHeard(Gateway gateway, String secret) {
        GatewayTestCaller caller = new GatewayTestCaller(gateway, new CallSetup("+15550001111", StartupSeed.DEMO_NUMBER,
                Map.of("jitter", "0"), secret));
        AtomicBoolean ended = new AtomicBoolean();
        Disposable connection = caller.dial(port).doFinally(signal -> ended.set(true)).subscribe(done -> { }, refused -> { });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> caller.audioReceived.get() > 0 || ended.get());
            return caller.audioReceived.get() > 0;
        } finally {
            caller.hangUp();
            connection.dispose();
        }
    }
}
