package io.firstbyte.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProcessedContextChoiceTest {

    @Test
    void aBuildWithPreparedDefinitionsStartsFromThemByDefault() {
        assertThat(ProcessedContextChoice.reasonNotTo(environment(Map.of()), true)).isNull();
    }

    @Test
    void aBuildWithoutThemStartsTheOrdinaryWay() {
        assertThat(ProcessedContextChoice.reasonNotTo(environment(Map.of()), false)).contains("process-aot");
    }

    @Test
    void tracingStartsTheOrdinaryWayBecauseThePreparedDefinitionsWereMadeWithoutIt() {
        assertThat(ProcessedContextChoice.reasonNotTo(environment(Map.of(
                "management.opentelemetry.tracing.export.otlp.endpoint", "http://collector:4318/v1/traces")), true))
                .contains("tracing");
        assertThat(ProcessedContextChoice.reasonNotTo(environment(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")), true)).contains("tracing");
    }

    @Test
    void theSettingSwitchesThemOff() {
        assertThat(ProcessedContextChoice.reasonNotTo(environment(Map.of(ProcessedContextChoice.SETTING, "false")), true))
                .contains("FIRSTBYTE_SPRING_AOT=false");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
