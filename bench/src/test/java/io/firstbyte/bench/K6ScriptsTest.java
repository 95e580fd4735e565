package io.firstbyte.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The k6 scripts' own tests ({@code node --test k6/test}: their options, thresholds and booking plan, and that
 * each script parses) run with the rest of the suite, so a threshold that changes meaning cannot go unnoticed.
 * Node is on every machine the suite runs on ({@code .ci/run} installs it for the browser test).
 */
class K6ScriptsTest {

    @Test
    void theK6ScriptsOwnTestsPassUnderNode() throws IOException, InterruptedException {
        Path k6 = Path.of("..", "k6").toAbsolutePath().normalize();
        assertThat(k6.resolve("test")).isDirectory();
        Path output = Files.createTempFile("k6-node-test", ".txt");
        try {
            Process node = new ProcessBuilder("node", "--test", "test/")
                    .directory(k6.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = node.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                node.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("node --test finished within 5 minutes%n%s", log).isTrue();
            assertThat(node.exitValue()).as("node --test k6/test%n%s", log).isZero();
            assertThat(log).contains("# fail 0");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
