package io.firstbyte.app.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.embedded.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built server as a process, in development mode (embedded PostgreSQL and Redis), sent SIGTERM
 * with a call on the line: readiness goes down at once, while the call runs on both embedded
 * stores keep answering (they used to be stopped at once by JVM shutdown hooks of their own), and
 * the process exits once the call has ended, stopping the stores last and without Redis reconnect
 * warnings.
 */
class SigtermProcessIT {

    private static final Path JAR = Path.of("target/firstbyte.jar");
    private static final Duration GENEROUS = Duration.ofSeconds(120);
    /** A whole server process starting beside a loaded test run: it has taken 94 s at load 17. */
    private static final Duration START = Duration.ofMinutes(5);
    private static final Pattern REDIS_PORT = Pattern.compile("embedded Redis on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern POSTGRES_PORT = Pattern.compile("embedded PostgreSQL on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path work;

    @Test
    void onSigtermTheEmbeddedStoresOutliveTheDrainAndTheProcessExitsOnceTheCallHasEnded() throws Exception {
        assertThat(JAR).as("the server jar (built by the package phase before the integration tests)").exists();
        int port = FreePort.find();
        Path log = work.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        List.of("DATABASE_URL", "REDIS_URL", "OPERATOR_TOKEN", "TWILIO_AUTH_TOKEN", "FIRSTBYTE_MODE").forEach(env::remove);
        env.putAll(Map.of("PORT", String.valueOf(port), "AUDIOSOCKET_PORT", "0", "FIRSTBYTE_EMBEDDED_EPHEMERAL", "true",
                "FIRSTBYTE_DATA_DIR", work.resolve("data").toString(), "FIRSTBYTE_SIM_PROFILE", "fast",
                "FIRSTBYTE_DRAIN_TIMEOUT", "60s"));
        Process server = builder.start();
        try {
            Http http = new Http(port);
            // A process that dies while starting fails at once; one that is slow to start (two loaded cores,
            // its embedded PostgreSQL's initdb, the rehearsal) gets START; either way the failure shows its log.
            try {
                await().atMost(START).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .until(() -> !server.isAlive() || http.status("/actuator/health/readiness") == 200);
            } catch (ConditionTimeoutException slow) {
                throw new AssertionError("the server was not ready within " + START + "; its log ends:\n" + tail(log), slow);
            }
            assertThat(server.isAlive()).as(() -> "the server exited while starting; its log ends:\n" + tail(log)).isTrue();
            int redis = portIn(log, REDIS_PORT);
            int postgres = portIn(log, POSTGRES_PORT);

            try (TwilioLine call = TwilioLine.dial(port)) {
                await().atMost(GENEROUS).until(() -> call.audioFrames() > 0);

                server.destroy(); // SIGTERM
                int linesBeforeSigterm = Files.readAllLines(log).size();

                await().atMost(GENEROUS).until(() -> http.status("/actuator/health/readiness") == 503);
                for (int i = 0; i < 5; i++) {
                    assertThat(redisAnswers(redis)).as("embedded Redis while the call drains").isTrue();
                    assertThat(postgresAnswers(postgres)).as("embedded PostgreSQL while the call drains").isTrue();
                    Thread.sleep(300);
                }
                assertThat(server.isAlive()).isTrue();
                assertThat(call.closed()).as("the call runs on").isFalse();

                call.hangUp();
                assertThat(server.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("the process exits").isTrue();

                List<String> afterSigterm = Files.readAllLines(log).subList(linesBeforeSigterm, Files.readAllLines(log).size());
                String shutdown = String.join("\n", afterSigterm);
                assertThat(shutdown).contains("drained in", "embedded Redis stopped", "embedded PostgreSQL stopped");
                assertThat(shutdown.indexOf("drained in")).isLessThan(shutdown.indexOf("embedded Redis stopped"))
                        .isLessThan(shutdown.indexOf("embedded PostgreSQL stopped"));
                // Redis gone under the draining call; a command timeout or an open breaker left from a slow
                // start on a loaded machine is not that (it is logged as "Redis unavailable" too)
                assertThat(afterSigterm).noneMatch(line -> line.toLowerCase().contains("reconnect")
                        || line.contains("Redis unavailable") && (line.contains("RedisConnectionException")
                        || line.contains("Connection refused") || line.contains("not connected")));
            }
        } finally {
            // After a failure: SIGTERM lets the server stop its embedded stores (a kill would orphan them).
            server.destroy();
            if (!server.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
            // kept for a look after a failure
            Files.copy(log, Path.of("target/SigtermProcessIT-server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int portIn(Path log, Pattern pattern) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(log));
        assertThat(matcher.find()).as("the log names the port: " + pattern).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static boolean redisAnswers(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, 7);
            return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean postgresAnswers(int port) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
