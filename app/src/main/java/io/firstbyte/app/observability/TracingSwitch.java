package io.firstbyte.app.observability;

import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing is on exactly when an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, which Boot maps, or
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}, or Boot 3's
 * {@code management.otlp.tracing.endpoint}); otherwise the OpenTelemetry SDK
 * and Micrometer Tracing are switched off, so no span is made and no exporter thread runs. Runs
 * after Boot has read the configuration and mapped the {@code OTEL_*} variables; explicit settings
 * of the two switches win.
 */
public final class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    /** Where spans go, once the {@code OTEL_*} variables are mapped. */
    public static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final String LEGACY_ENDPOINT = "management.otlp.tracing.endpoint";
    private static final List<String> OTEL_VARIABLES = List.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String legacy = environment.getProperty(LEGACY_ENDPOINT, "");
        if (environment.getProperty(ENDPOINT, "").isBlank() && !legacy.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("firstbyteTracingEndpoint", Map.of(ENDPOINT, legacy)));
        }
        if (enabled(environment)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("firstbyteTracingOff", Map.of(
                "management.tracing.enabled", "false",
                // also keeps the empty trace/span id columns out of the log lines
                "management.tracing.export.enabled", "false",
                "management.opentelemetry.enabled", "false")));
    }

    /**
     * Whether an endpoint is configured. The {@code OTEL_*} variables are read here too: Boot's own
     * post-processor, which maps them, may run after this one.
     */
    public static boolean enabled(ConfigurableEnvironment environment) {
        if (!environment.getProperty(ENDPOINT, "").isBlank()) {
            return true;
        }
        return environment.getProperty("management.opentelemetry.map-environment-variables", Boolean.class, true)
                && OTEL_VARIABLES.stream().anyMatch(name -> !environment.getProperty(name, "").isBlank());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
