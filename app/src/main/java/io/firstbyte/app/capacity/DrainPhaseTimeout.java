package io.firstbyte.app.capacity;

import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.support.DefaultLifecycleProcessor;

/**
 * Gives the drain's shutdown phase the time the drain may take. Spring waits a fixed time per
 * shutdown phase ({@code spring.lifecycle.timeout-per-shutdown-phase}, 30 s) before it moves on,
 * which would stop the web server under the live calls; this phase alone gets the drain timeout,
 * the goodbye's grace and a margin.
 */
public final class DrainPhaseTimeout implements BeanPostProcessor {

    private final Duration drainTimeout;

    public DrainPhaseTimeout(Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DefaultLifecycleProcessor processor) {
            processor.setTimeoutForShutdownPhase(CallDrain.PHASE, CallDrain.longest(drainTimeout).toMillis());
        }
        return bean;
    }
}
