package io.firstbyte.app.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rules in deploy/prometheus are valid ({@code promtool check rules}) and pass their unit
 * tests ({@code promtool test rules alerts_test.yml}), and the Grafana dashboard's queries parse. promtool comes with Debian's
 * {@code prometheus} package, which .ci/run installs; without it the test is skipped, except on CI
 * (CI=true), where it fails.
 */
class PromtoolRulesTest {

    private static final Path RULES = repositoryDir("deploy/prometheus");

    @Test
    void theAlertRulesAreValid() throws Exception {
        assertSucceeds(List.of(promtool(), "check", "rules", "alerts.yml"));
    }

    @Test
    void everyAlertPassesItsUnitTests() throws Exception {
        assertSucceeds(List.of(promtool(), "test", "rules", "alerts_test.yml"));
    }

    /** Each of the Grafana dashboard's queries, its variables filled in, parses as PromQL (as a recording rule). */
    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(repositoryDir("deploy/grafana").resolve("firstbyte.json")));
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<JsonNode> queries = dashboard.findValues("expr");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).asString().replace("$__rate_interval", "5m").replace("$tenant", ".*");
            rules.append("      - record: dashboard:query").append(i).append("\n        expr: '")
                    .append(expr.replace("'", "''")).append("'\n");
        }
        Files.writeString(dir.resolve("dashboard.yml"), rules);

        assertThat(queries).hasSizeGreaterThan(20);
        assertSucceeds(List.of(promtool(), "check", "rules", "dashboard.yml"), dir);
    }

    private static void assertSucceeds(List<String> command) throws IOException, InterruptedException {
        assertSucceeds(command, RULES);
    }

    private static void assertSucceeds(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s said:%n%s", String.join(" ", command), output).isZero();
    }

    private static String promtool() {
        String found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).map(Path::toString)
                .findFirst().orElse(null);
        if (found == null) {
            assertThat("true".equalsIgnoreCase(System.getenv("CI")))
                    .as("promtool is missing on CI: .ci/run installs Debian's prometheus package").isFalse();
            assumeThat(found).as("promtool is not installed (apt-get install prometheus); alert rule tests skipped").isNotNull();
        }
        return found;
    }

    private static Path repositoryDir(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
