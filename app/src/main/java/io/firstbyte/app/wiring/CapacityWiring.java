package io.firstbyte.app.wiring;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.app.capacity.CallCapacityHealth;
import io.firstbyte.app.capacity.CallDrain;
import io.firstbyte.app.capacity.DrainPhaseTimeout;
import io.firstbyte.app.capacity.NewCallRefusals;
import io.firstbyte.app.config.CapacityProperties;
import io.firstbyte.app.config.DrainProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.scheduler.Schedulers;

/** The per-instance call cap, draining on shutdown, and the readiness that tells load balancers about both. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CapacityProperties.class, DrainProperties.class})
public class CapacityWiring {

    @Bean
    CallAdmission callAdmission(CapacityProperties capacity, MeterRegistry registry) {
        return new CallAdmission(capacity.maxCalls(), registry);
    }

    @Bean
    NewCallRefusals newCallRefusals(CallAdmission callAdmission) {
        return new NewCallRefusals(callAdmission);
    }

    /** Named {@code callCapacity} in the health endpoint and its {@code readiness} group (application.yaml). */
    @Bean
    CallCapacityHealth callCapacityHealthIndicator(CallAdmission callAdmission) {
        return new CallCapacityHealth(callAdmission);
    }

    @Bean
    CallDrain callDrain(CallAdmission callAdmission, LiveCalls liveCalls, DrainProperties drain, ApplicationContext context) {
        return new CallDrain(callAdmission, liveCalls, drain.timeout(),
                accepting -> AvailabilityChangeEvent.publish(context,
                        accepting ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC),
                Schedulers.parallel());
    }

    /** Static, as a bean post-processor must be; reads the drain timeout straight from the environment. */
    @Bean
    static DrainPhaseTimeout drainPhaseTimeout(Environment environment) {
        return new DrainPhaseTimeout(Binder.get(environment).bind("firstbyte.drain.timeout", Duration.class)
                .orElse(Duration.ofMinutes(10)));
    }
}
