package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.observability.CallTracing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric the Grafana dashboard (deploy/grafana/firstbyte.json) queries is one the server
 * exports: after one simulated call and one /api booking on a development-mode server, the names in
 * the dashboard's PromQL are all in a real scrape of /actuator/prometheus from this machine. The
 * same server shows that without an OTLP endpoint tracing is off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.telephony.start-timeout=1s", "firstbyte.providers.simulated.profile=fast"})
class DashboardMetricsIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static final Pattern METRIC = Pattern.compile("\\b((?:firstbyte|resilience4j)_[a-z0-9_]+)\\b");

    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    ApplicationContext context;

    @Test
    void everyMetricTheDashboardQueriesIsExportedAfterACallAndABooking() throws Exception {
        placeOneCall();
        bookOnce();

        String scrape = http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Set<String> exported = scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        Set<String> queried = dashboardMetrics();

        assertThat(queried).as("the dashboard queries the call, capacity, booking and breaker metrics")
                .contains("firstbyte_turn_ttfb_seconds_bucket", "firstbyte_booking_operation_seconds_bucket",
                        "resilience4j_circuitbreaker_state", "firstbyte_calls_ended_total",
                        "firstbyte_calls_capacity", "firstbyte_calls_refused_total");
        assertThat(exported).containsAll(queried);
        assertThat(exported).as("the alert rules' metrics").containsAll(metricsIn("deploy/prometheus/alerts.yml"));
        assertThat(scrape).contains("gateway=\"twilio\"", "operation=\"create_booking\"", "component=\"store\"");
    }

    @Test
    void withoutAnOtlpEndpointTracingIsOff() {
        assertThat(context.getBean(CallTracing.class)).isSameAs(CallTracing.OFF);
        assertThat(context.getBeanNamesForType(io.opentelemetry.sdk.trace.SdkTracerProvider.class)).isEmpty();
    }

    private void placeOneCall() throws Exception {
        TwilioTestCaller caller = new TwilioTestCaller();
        Disposable connection = caller.dial(port, Map.of("From", "+15550001111", "To", "+15550100100",
                "lines", "Hi, I'd like to book a haircut tomorrow please.|Thanks, bye.", "jitter", "0")).subscribe();
        try {
            assertThat(caller.awaitAgentQuiet(Duration.ofMillis(700), GENEROUS)).as("greeting played").isTrue();
            caller.sendRaw("{not json");
            int before = caller.mediaReceived.get();
            caller.say(Duration.ofMillis(1200));
            assertThat(caller.awaitAnswer(before, Duration.ofMillis(900), GENEROUS)).isTrue();
        } finally {
            caller.hangUp();
        }
        await().atMost(GENEROUS).until(() -> liveCalls.list().stream().noneMatch(call -> call.callId().equals(caller.callSid)));
        connection.dispose();
    }

    private void bookOnce() {
        JsonNode next = JsonMapper.builder().build().readTree(http().get().uri("/api/next-available?service=Haircut")
                .header("Authorization", "Bearer demo-salon-key").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        String start = next.findValue("start").asString();
        http().post().uri("/api/bookings").header("Authorization", "Bearer demo-salon-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"service\":\"Haircut\",\"start\":\"" + start + "\",\"customer_name\":\"Dash Board\","
                        + "\"customer_phone\":\"+15550009999\"}")
                .exchange().expectStatus().value(status -> assertThat(status).isIn(200, 201, 409));
    }

    private static Set<String> metricsIn(String file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(repositoryFile(file)));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The metric names in the dashboard's queries: panel targets' {@code expr}, variables' {@code definition}. */
    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(repositoryFile("deploy/grafana/firstbyte.json")));
        Set<String> names = new TreeSet<>();
        for (String key : new String[] {"expr", "definition"}) {
            for (JsonNode query : dashboard.findValues(key)) {
                Matcher matcher = METRIC.matcher(query.asString());
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(GENEROUS).build();
    }
}
