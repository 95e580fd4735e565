package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.RecentTraces;
import io.firstbyte.app.embedded.StartupSeed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator console in a real browser: Debian's Chromium, driven by Playwright
 * ({@code src/test/browser/console-driver.mjs}), watches {@code /console} while a simulated caller
 * calls over the Twilio WebSocket (development mode, this machine: no sign-in). The call appears
 * without a reload, its waterfall and both sides of its transcript fill turn by turn, and the page's
 * hang-up button ends it. Needs {@code node} and {@code chromium} ({@code .ci/run} installs them); the
 * driver's {@code playwright-core} is installed from its lock file when missing. Without node or
 * Chromium it is skipped, saying so, except on CI, where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast",
                "firstbyte.call-records.flush-every=100ms"})
class ConsoleBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);
    private static final String FIRST = "Hi, I'd like to book a haircut tomorrow please.";
    private static final String SECOND = "Do you have anything at 10:30?";
    private static final String LINES = FIRST + "|" + SECOND + "|My name is Sam Taylor.|No, that's all. Thank you!";
    /** Waits for what normally takes milliseconds; on a busy machine it may take seconds. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    /** What "within a second" may stretch to on a machine at load 20 (the measured time is logged and reported). */
    private static final Duration APPEARS_WITHIN = Duration.ofSeconds(5);
    private static final Path BROWSER_TESTS = Path.of("src/test/browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    RecentTraces traces;

    private Process driver;
    private Writer commands;
    private BufferedReader answers;
    private final ExecutorService reading = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startBrowser() throws Exception {
        String missing = !onPath("node") ? "node" : !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString() : null;
        if (missing != null) {
            String message = "ConsoleBrowserIT SKIPPED: " + missing + " is missing (apt-get install nodejs chromium, or run .ci/run)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message.replace("SKIPPED", "cannot run on CI"));
            }
            System.err.println(message);
            Assumptions.abort(message);
        }
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(BROWSER_TESTS.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            assertThat(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0).as("npm ci in " + BROWSER_TESTS).isTrue();
        }
        ProcessBuilder builder = new ProcessBuilder("node", "console-driver.mjs").directory(BROWSER_TESTS.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CONSOLE_URL", "http://localhost:" + port);
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        builder.environment().put("WAIT_MS", String.valueOf(GENEROUS.toMillis()));
        driver = builder.start();
        commands = new OutputStreamWriter(driver.getOutputStream(), StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (driver != null) {
            if (driver.isAlive()) {
                JsonNode closed = send(Map.of("cmd", "close"));
                assertThat(closed.path("errors").size()).as("errors on the page: " + closed.path("errors")).isZero();
            }
            if (!driver.waitFor(30, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        }
        reading.shutdownNow();
    }

    @Test
    void aCallShowsUpLiveFillsItsWaterfallTurnByTurnAndTheHangUpButtonEndsIt() throws Exception {
        assertThat(send(Map.of("cmd", "open")).path("title").asString()).isEqualTo("Firstbyte console");

        String from = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
        TwilioTestCaller caller = new TwilioTestCaller();
        CompletableFuture<JsonNode> appears = sendAsync(Map.of("cmd", "expectCall", "callSid", caller.callSid));
        long dialledAt = System.currentTimeMillis();
        Disposable connection = caller.dial(port, Map.of("From", from, "To", StartupSeed.DEMO_NUMBER, "lines", LINES,
                "jitter", "0")).subscribe();
        try {
            JsonNode seen = appears.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(seen.path("ok").asBoolean()).as(seen.toString()).isTrue();
            long seenAt = seen.path("seenAt").asLong();
            long startedAt = traces.call(caller.callSid).orElseThrow().startedAt().toEpochMilli();
            String measured = "call visible in the console " + (seenAt - startedAt) + " ms after the server started it ("
                    + (seenAt - dialledAt) + " ms after the test dialled)";
            log.info(measured);
            System.out.println("ConsoleBrowserIT: " + measured);
            assertThat(Duration.ofMillis(seenAt - startedAt)).as(measured).isLessThan(APPEARS_WITHIN);
            assertThat(seen.path("selected").asString()).as("the only call is shown").isEqualTo(caller.callSid);

            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), GENEROUS)).as("greeting played").isTrue();
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), GENEROUS)).as("first answer played out").isTrue();
            JsonNode first = expectTurns(1);
            assertThat(first.path("rows").size()).as("one turn so far").isEqualTo(1);
            assertThat(first.path("caller").get(0).asString()).isEqualTo(FIRST);
            assertThat(first.path("agent").get(0).asString()).isEqualTo(heard(caller.callSid, 0));
            assertThat(segments(first.path("rows").get(0))).contains("stt", "llm", "tool", "tts", "frame");
            assertThat(first.path("rows").get(0).path("ttfbMs").asDouble()).isPositive();
            assertThat(first.path("tools").get(0).path("summary").asString()).contains("check_availability");
            assertThat(first.path("tools").get(0).path("io").get(0).asString()).containsIgnoringCase("haircut");
            assertThat(first.path("tools").get(0).path("io").get(1).asString()).isNotBlank();
            assertThat(first.path("facts").path("Tenant").asString()).isEqualTo(StartupSeed.DEMO_TENANT_ID);
            assertThat(first.path("facts").path("Gateway").asString()).isEqualTo("twilio");

            int beforeSecond = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(beforeSecond, Duration.ofMillis(900), GENEROUS)).as("second answer played out").isTrue();
            JsonNode second = expectTurns(2);
            assertThat(second.path("rows").size()).isEqualTo(2);
            assertThat(second.path("caller").get(1).asString()).isEqualTo(SECOND);
            assertThat(second.path("agent").get(1).asString()).isEqualTo(heard(caller.callSid, 1));
            assertThat(segments(second.path("rows").get(1))).contains("stt", "llm", "tts", "frame");

            Path screenshot = Path.of("target/console-browser/console.png");
            Files.createDirectories(screenshot.getParent());
            assertThat(send(Map.of("cmd", "screenshot", "path", screenshot.toAbsolutePath().toString())).path("ok").asBoolean()).isTrue();

            JsonNode hungUp = send(Map.of("cmd", "hangUp", "callSid", caller.callSid));
            assertThat(hungUp.path("ok").asBoolean()).as(hungUp.toString()).isTrue();
            await("the server closed the caller's connection").atMost(GENEROUS).until(() -> caller.closedAt() > 0);
            assertThat(traces.call(caller.callSid).orElseThrow().endReason()).isEqualTo("operator");
            assertThat(hungUp.path("button").asString()).isEqualTo("Ended: operator");

            JsonNode record = send(Map.of("cmd", "expectRecord", "callSid", caller.callSid));
            assertThat(record.path("ok").asBoolean()).as(record.toString()).isTrue();
            assertThat(record.path("cells").toString()).contains(from, StartupSeed.DEMO_NUMBER, "twilio", "operator");
        } finally {
            if (caller.closedAt() == 0) {
                caller.hangUp();
            }
            connection.dispose();
        }
    }

    private JsonNode expectTurns(int count) throws Exception {
        JsonNode answer = send(Map.of("cmd", "expectTurns", "count", count));
        assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
        return answer;
    }

    /** What the server's trace says the caller heard in turn {@code index}. */
    private String heard(String callSid, int index) {
        String text = traces.call(callSid).orElseThrow().turns().get(index).agentText();
        assertThat(text).isNotBlank();
        return text;
    }

    private static List<String> segments(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.path("segments").forEach(segment -> names.add(segment.asString()));
        return names;
    }

    private JsonNode send(Map<String, ?> command) throws Exception {
        return sendAsync(command).get(GENEROUS.toSeconds() * 2, TimeUnit.SECONDS);
    }

    /** Writes one command now; its answer is read on another thread, in order. */
    private CompletableFuture<JsonNode> sendAsync(Map<String, ?> command) throws IOException {
        commands.write(JSON.writeValueAsString(new LinkedHashMap<>(command)) + "\n");
        commands.flush();
        return CompletableFuture.supplyAsync(() -> {
            try {
                String line = answers.readLine();
                if (line == null) {
                    throw new IllegalStateException("the browser driver exited (exit code "
                            + (driver.isAlive() ? "none yet" : driver.exitValue()) + ")");
                }
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, reading);
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
