package io.firstbyte.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TracingSwitchTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new TracingSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutAnEndpointTheOpenTelemetrySdkAndTracingAreOff() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("management.opentelemetry.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("false");
        assertThat(TracingSwitch.enabled(environment)).isFalse();
    }

    @Test
    void theStandardVariableTurnsTracingOnEvenBeforeBootMapsIt() {
        StandardEnvironment environment = environment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));

        assertThat(environment.getProperty("management.opentelemetry.enabled")).isNull();
        assertThat(TracingSwitch.enabled(environment)).isTrue();
    }

    @Test
    void springsOwnPropertyAndBoot3sTurnTracingOn() {
        assertThat(TracingSwitch.enabled(environment(Map.of(TracingSwitch.ENDPOINT, "http://collector:4318/v1/traces")))).isTrue();
        StandardEnvironment legacy = environment(Map.of("management.otlp.tracing.endpoint", "http://collector:4318/v1/traces"));
        assertThat(legacy.getProperty(TracingSwitch.ENDPOINT)).isEqualTo("http://collector:4318/v1/traces");
        assertThat(legacy.getProperty("management.tracing.enabled")).isNull();
    }
}
