package io.firstbyte.app;

import io.firstbyte.app.observability.TracingSwitch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the server from the bean definitions the build prepared ahead of time (Spring AOT processing,
 * {@code spring-boot:process-aot}) instead of parsing the configuration classes, scanning and evaluating
 * auto-configuration conditions at every start: when the build made them and the configuration is one
 * they were made for. They were made with tracing off, so a start with an OTLP endpoint
 * ({@link TracingSwitch}) starts the ordinary way, as does {@code FIRSTBYTE_SPRING_AOT=false} (for a
 * configuration that switches Boot's own auto-configuration, such as a {@code management.*} switch, which
 * the prepared definitions do not see). An explicit {@code -Dspring.aot.enabled} is left as given.
 *
 * <p>Decided once the environment is complete (every configuration source read) and before the context
 * is created, which is when Spring reads the switch. Only the server's {@code main} adds it: tests build
 * their contexts the ordinary way.
 */
final class ProcessedContextChoice implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SWITCH = "spring.aot.enabled";
    static final String SETTING = "firstbyte.startup.spring-aot";
    /** The entry point of the prepared definitions, present in the build's classes only after AOT processing. */
    static final String PREPARED = FirstbyteApplication.class.getName() + "__ApplicationContextInitializer";

    private static final Logger log = LoggerFactory.getLogger(ProcessedContextChoice.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        // Left alone when given, and while the build's AOT processing runs main itself.
        if (System.getProperty(SWITCH) != null || Boolean.getBoolean("spring.aot.processing")) {
            return;
        }
        boolean prepared = prepared();
        String reason = reasonNotTo(event.getEnvironment(), prepared);
        if (reason == null) {
            System.setProperty(SWITCH, "true");
        } else if (prepared) {
            log.info("starting without the AOT-prepared context: {}", reason);
        }
    }

    /** Why this start cannot use the prepared context ({@code prepared}: whether the build made one), or {@code null} when it can. */
    static @Nullable String reasonNotTo(ConfigurableEnvironment environment, boolean prepared) {
        if (!prepared) {
            return "this build has none (no spring-boot:process-aot)";
        }
        if (!environment.getProperty(SETTING, Boolean.class, true)) {
            return "FIRSTBYTE_SPRING_AOT=false";
        }
        if (TracingSwitch.enabled(environment)) {
            return "tracing is on (an OTLP endpoint is set), and the prepared context was made without it";
        }
        return null;
    }

    private static boolean prepared() {
        return FirstbyteApplication.class.getClassLoader().getResource(PREPARED.replace('.', '/') + ".class") != null;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
