package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole loop over real sockets: two callers against a fake Twilio-protocol server, report and exit code. */
class CallSimulatorIT {

    @TempDir
    Path dir;

    @Test
    void callersPlayTheirScriptsBargeInOnceAndReportEveryTurn() throws Exception {
        Path turns = Files.writeString(dir.resolve("turns.txt"), "# four short lines\nHi there.\nTen thirty?\nSam Taylor.\nThanks, bye!\n");
        Path json = dir.resolve("report.json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit;
        try (FakeTwilioServer server = new FakeTwilioServer()) {
            // Real time on a shared machine: a stalled answer must not read as its end (a generous quiet
            // before the caller speaks again), a late greeting must not be talked over (the fake always
            // greets, so waiting long for it costs nothing), and underruns measure the machine, so the
            // threshold that makes the run PASS is one the loop meets on a busy machine too.
            exit = new CallsCommand(new PrintStream(console, true, StandardCharsets.UTF_8)).run(
                    "--url", "ws://127.0.0.1:" + server.port(), "--calls", "2", "--ramp", "200ms",
                    "--turns-file", turns.toString(), "--answer-quiet", "2s", "--greeting-wait", "20s",
                    "--json", json.toString(), "--max-underruns", "1000");
            System.out.print(console.toString(StandardCharsets.UTF_8));

            assertThat(server.violations).isEmpty();
            assertThat(server.stops).hasValue(2);
            assertThat(server.clears).hasValue(2);
            assertThat(server.markEchoes).hasValue(server.marksSent.get());
        }

        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report.path("callsCompleted").asInt()).isEqualTo(2);
        assertThat(report.path("ttfbMs").path("count").asInt()).isEqualTo(8);
        assertThat(report.path("ttfbMs").path("p50").asDouble()).isGreaterThanOrEqualTo(FakeTwilioServer.THINK.toMillis());
        assertThat(report.path("overheadMs").path("count").asInt()).isEqualTo(8);
        assertThat(report.path("overheadUnavailable").asInt()).isZero();
        assertThat(report.path("bargeIns").path("attempts").asInt()).isEqualTo(2);
        assertThat(report.path("bargeIns").path("toClearMs").path("count").asInt()).isEqualTo(2);
        assertThat(report.path("bargeIns").path("audioAfterClear").asInt()).isZero();
        assertThat(report.path("errors").path("total").asInt()).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("server overhead", "PASS");
    }
}
