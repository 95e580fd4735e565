package io.firstbyte.app.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A production server with every secret set and every gateway enabled (one Spring context shared
 * by the tests that use it), with {@link ClientAddressFromHeader} to play clients on other machines.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.providers.simulated.profile=fast",
        "firstbyte.telephony.start-timeout=2s",
        "firstbyte.operator.token=" + ProductionServer.OPERATOR,
        "firstbyte.security.metrics-token=" + ProductionServer.METRICS,
        "firstbyte.telephony.twilio-auth-token=" + ProductionServer.TWILIO,
        "firstbyte.telephony.public-url=https://voice.example.com",
        "firstbyte.telephony.gateways.telnyx-stream-token=" + ProductionServer.GATEWAY,
        "firstbyte.telephony.gateways.plivo-token=" + ProductionServer.GATEWAY,
        "firstbyte.telephony.gateways.freeswitch-token=" + ProductionServer.GATEWAY,
        "firstbyte.telephony.gateways.jambonz-password=" + ProductionServer.GATEWAY,
        "firstbyte.telephony.gateways.vonage-token=" + ProductionServer.GATEWAY,
        "firstbyte.telephony.gateways.asterisk-password=" + ProductionServer.GATEWAY,
        "firstbyte.security.gateways.telnyx=true",
        "firstbyte.security.gateways.plivo=true",
        "firstbyte.security.gateways.freeswitch=true",
        "firstbyte.security.gateways.jambonz=true",
        "firstbyte.security.gateways.vonage=true",
        "firstbyte.security.gateways.asterisk=true",
        "firstbyte.telephony.audiosocket.enabled=true",
        "firstbyte.booking.vapi-secret=vapi-secret-1",
        "firstbyte.booking.retell-api-key=retell-key-1"})
@Import(ClientAddressFromHeader.class)
public @interface ProductionServer {

    String OPERATOR = "operator-secret-1";
    String METRICS = "metrics-secret-1";
    String TWILIO = "twilio-secret-1";
    String GATEWAY = "gateway-secret-1";
}
