package io.firstbyte.pipeline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** Each rule, applied to deliberately bad test classes, reports them: the rules cannot pass vacuously. */
class PipelineRulesCatchOffendersTest {

    private static final JavaClasses OFFENDERS =
            new ClassFileImporter().importPackages("io.firstbyte.pipeline.architecture.offenders");

    @Test
    void everyBlockingReactorCallIsReported() {
        EvaluationResult result = PipelineRules.NO_BLOCKING_REACTOR_CALLS.evaluate(OFFENDERS);

        assertThat(result.getFailureReport().getDetails()).hasSize(6)
                .anyMatch(line -> line.contains("Mono.block()"))
                .anyMatch(line -> line.contains("Flux.toStream()"));
    }

    @Test
    void socketsAndHttpClientsAreReported() {
        EvaluationResult result = PipelineRules.NO_SOCKETS_OR_HTTP_CLIENTS.evaluate(OFFENDERS);

        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("java.net.Socket").contains("java.net.http.HttpClient").contains("SocketChannel");
    }

    @Test
    void packageCycleIsReported() {
        EvaluationResult result = PipelineRules.NO_PACKAGE_CYCLES.evaluate(OFFENDERS);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("offenders.left", "offenders.right");
    }
}
