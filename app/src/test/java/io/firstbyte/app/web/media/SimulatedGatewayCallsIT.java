package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.audiosocket.AudioSocketListener;
import io.firstbyte.bench.calls.CallsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call simulator drives a gateway other than Twilio against the running server and reports
 * the same things: every turn's TTFB, the server's overhead from its traces, barge-in to clear
 * (the gateway's own clear; AudioSocket, which has none, by the server ceasing to send), playback
 * underruns, no errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=20s", "firstbyte.providers.simulated.profile=fast"})
class SimulatedGatewayCallsIT {

    @LocalServerPort
    int port;

    @Autowired
    AudioSocketListener audioSocket;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"vonage", "freeswitch", "audiosocket"})
    void theSimulatorDrivesTheDialectAndReportsEveryTurn(String dialect) throws Exception {
        Path turns = Files.writeString(dir.resolve("turns.txt"), "Hi, a haircut tomorrow please.\nTen thirty?\nThanks, bye!\n");
        Path json = dir.resolve(dialect + ".json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = new CallsCommand(new PrintStream(console, true, StandardCharsets.UTF_8)).run(
                "--dialect", dialect, "--url", "ws://localhost:" + port, "--audiosocket-port", String.valueOf(audioSocket.port()),
                "--calls", "2", "--ramp", "200ms",
                "--profile", "fast", "--jitter", "0", "--turns-file", turns.toString(), "--barge-in-turn", "2",
                // On a busy machine: a late greeting is waited for, not talked over, and a stalled answer is not its end.
                "--greeting-wait", "20s", "--answer-quiet", "2s",
                "--json", json.toString());

        String output = console.toString(StandardCharsets.UTF_8);
        JsonNode report = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(report.path("errors").path("total").asInt()).as(output).isZero();
        assertThat(exit).as(output).isZero();
        assertThat(report.path("callsCompleted").asInt()).isEqualTo(2);
        assertThat(report.path("ttfbMs").path("count").asInt()).isEqualTo(6);
        assertThat(report.path("overheadMs").path("count").asInt()).as("server traces found by the dialect's call id").isEqualTo(6);
        assertThat(report.path("bargeIns").path("toClearMs").path("count").asInt()).as("the dialect's clear, or the server ceasing to send").isEqualTo(2);
    }
}
