package io.firstbyte.app.wiring;

import io.firstbyte.app.call.CallStartResolver;
import io.firstbyte.app.call.StartupRehearsal;
import io.firstbyte.app.config.CallProperties;
import io.firstbyte.app.providers.ProviderSelection;
import io.firstbyte.pipeline.graph.CallPipeline;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warm-up before serving: Boot reports the instance ready (readiness probe, health UP) only after
 * its application runners, so the rehearsal call runs on the main thread before any caller's call.
 */
@Configuration(proxyBeanMethods = false)
public class WarmupWiring {

    @Bean
    StartupRehearsal startupRehearsal(CallPipeline pipeline, CallStartResolver resolver, ProviderSelection defaultProviderSelection,
                                      CallProperties call, @Value("${firstbyte.startup.rehearsal-number}") String dialled,
                                      @Value("${firstbyte.startup.rehearsal-timeout}") Duration budget) {
        return new StartupRehearsal(pipeline, resolver, defaultProviderSelection, call.toSettings(), dialled, budget);
    }

    @Bean
    ApplicationRunner rehearseCallPath(StartupRehearsal rehearsal,
                                       @Value("${firstbyte.startup.rehearsal}") boolean enabled) {
        return arguments -> {
            if (enabled) {
                rehearsal.rehearse().block();
            }
        };
    }
}
