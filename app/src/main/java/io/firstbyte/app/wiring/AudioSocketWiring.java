package io.firstbyte.app.wiring;

import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketCallDirectory;
import io.firstbyte.app.audiosocket.AudioSocketListener;
import io.firstbyte.app.call.CallRunner;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.security.Ingress;
import io.firstbyte.app.security.IngressPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Asterisk AudioSocket TCP listener and the directory the dial plan registers its calls in. */
@Configuration(proxyBeanMethods = false)
public class AudioSocketWiring {

    /** Registrations waiting for their connection; beyond this many, the oldest are dropped. */
    private static final int WAITING_REGISTRATIONS = 10_000;

    @Bean
    AudioSocketCallDirectory audioSocketCallDirectory(TelephonyProperties telephony) {
        return new AudioSocketCallDirectory(Clock.systemUTC(), telephony.audiosocket().registrationTtl(), WAITING_REGISTRATIONS);
    }

    /** Listening only when AudioSocket is served (security.IngressPolicy); with Asterisk credentials, registered calls only. */
    @Bean
    AudioSocketListener audioSocketListener(TelephonyProperties telephony, AudioSocketCallDirectory directory, CallRunner runner,
                                            IngressPolicy ingress) {
        return new AudioSocketListener(telephony.audiosocket(), directory, runner, telephony.startTimeout(),
                !telephony.gateways().asteriskPassword().isEmpty(), ingress.serves(Ingress.AUDIOSOCKET));
    }
}
