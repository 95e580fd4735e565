package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.embedded.DatabaseAddress;
import io.firstbyte.app.embedded.FreePort;
import io.firstbyte.app.embedded.Migrations;
import io.firstbyte.app.embedded.StartupSeed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL restarted under load: its own embedded server (never the machine's), stopped for
 * 2.5 s while callers keep asking, then started again on the same port and data. Bookings must be
 * taken again soon after it accepts connections. {@code -Dfirstbyte.restart.cycles=N} repeats the
 * restart (for docs/benchmarks.md); {@code -Dfirstbyte.restart.bound=90s} widens the bound.
 */
class PostgresRestartIT {

    private static final Logger log = LoggerFactory.getLogger(PostgresRestartIT.class);
    static final String DEMO = StartupSeed.DEMO_TENANT_ID;
    static final Duration OUTAGE = Duration.ofMillis(2500);
    static final Duration BOUND = Duration.parse("PT" + System.getProperty("firstbyte.restart.bound", "10s").toUpperCase());
    static final int CYCLES = Integer.getInteger("firstbyte.restart.cycles", 1);

    static Path dataDir;
    static int port;
    static EmbeddedPostgres postgres;
    static BookingStack stack;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("firstbyte-restart-it-");
        port = FreePort.find();
        postgres = startPostgres();
        DatabaseAddress address = new DatabaseAddress("127.0.0.1", port, "postgres", "postgres", "", "disable");
        Migrations.apply(address);
        StartupSeed.run(address, true, "demo-salon-key", 1, BookingEngineIT.CLOCK);
        stack = new BookingStack(address, "redis://127.0.0.1:6379", BookingEngineIT.CLOCK, BookingStack.Limits.PRODUCT);
    }

    @AfterAll
    static void stop() throws IOException {
        if (stack != null) {
            stack.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void bookingsAreTakenAgainSoonAfterARestartedPostgresqlAcceptsConnections() throws Exception {
        assertThat(book()).as("bookings work before the restart").isTrue();
        List<Long> recoveries = new ArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> callers = startCallers(loading);
        try {
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                Thread.sleep(500);
                postgres.close();
                Thread.sleep(OUTAGE);
                postgres = startPostgres();
                long accepting = System.nanoTime();
                long deadline = accepting + BOUND.toNanos() * 2;
                while (!book() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                recoveries.add((System.nanoTime() - accepting) / 1_000_000);
                log.info("restart {}: bookings taken again {} ms after PostgreSQL accepted connections", cycle + 1,
                        recoveries.getLast());
            }
        } finally {
            loading.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
        }
        log.info("recovery after restart (ms): {}", recoveries);
        assertThat(recoveries).allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(BOUND.toMillis()));
    }

    /** One booking through the tools (a conflict is an answer too); the confirmed one is cancelled again. */
    private static boolean book() {
        try {
            JsonNode answer = BookingEngineIT.JSON.readTree(stack.tools.run("create_booking",
                    "{\"service\":\"Haircut\",\"start\":\"2026-11-27T15:00\",\"staff\":\"Carla\",\"customer_name\":\"Probe\"}",
                    DEMO).block(Duration.ofSeconds(10)));
            if (answer.path("status").asString().equals("confirmed")) {
                stack.tools.run("cancel_booking", "{\"booking_id\":\"%s\"}".formatted(answer.path("booking_id").asString()),
                        DEMO).block(Duration.ofSeconds(10));
            }
            return true;
        } catch (RuntimeException failed) {
            return false;
        }
    }

    /** Four callers asking for availability of days nobody asked for, so every lookup needs PostgreSQL. */
    private static List<Thread> startCallers(AtomicBoolean loading) {
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Thread.ofPlatform().name("restart-it-caller-" + i).start(() -> {
                while (loading.get()) {
                    String day = "2026-11-" + (24 + ThreadLocalRandom.current().nextInt(6));
                    try {
                        stack.tools.run("find_next_available", "{\"service\":\"Colour\",\"after\":\"" + day + "T09:00\"}", DEMO)
                                .block(Duration.ofSeconds(10));
                        stack.tools.run("create_booking", "{\"service\":\"Beard trim\",\"start\":\"" + day
                                + "T10:30\",\"customer_name\":\"Load\"}", DEMO).block(Duration.ofSeconds(10));
                        Thread.sleep(10);
                    } catch (RuntimeException expected) {
                        // failures are what the outage is made of
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }));
        }
        return callers;
    }

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
