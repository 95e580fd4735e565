package io.firstbyte.bench.booking;

import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Load client for the booking API of a running server: {@code check_availability} latency at
 * concurrency 1, 5, 10, 30 and 100 with a warm and a cold slot cache, database queries per burst of
 * 50 identical cold lookups, and the first lookup of a call with and without the call-start warm-up.
 * Uses the synthetic tenants (start the server with {@code SYNTHETIC_TENANTS=N}). Prints a table and
 * writes JSON.
 *
 * <pre>java -cp bench/target/firstbyte-bench.jar -Dloader.main=io.firstbyte.bench.booking.BookingBench \
 *   org.springframework.boot.loader.launch.PropertiesLauncher --url=http://127.0.0.1:8080 --tenants=50</pre>
 */
public final class BookingBench {

    private static final List<String> SERVICES = List.of("Haircut", "Colour", "Beard%20trim", "Blow-dry");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> options;
    private final BookingApiClient client;
    private final LoadRun load;
    private final int tenants;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    private BookingBench(Map<String, String> options) {
        this.options = options;
        this.tenants = Integer.parseInt(options.getOrDefault("tenants", "50"));
        int maxConcurrency = Arrays.stream(levels()).max().orElse(100);
        this.client = new BookingApiClient(options.getOrDefault("url", "http://127.0.0.1:8080"), maxConcurrency + 8);
        this.load = new LoadRun(client);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        BookingBench bench = new BookingBench(options);
        try {
            bench.run();
        } finally {
            bench.client.close();
        }
    }

    private void run() throws Exception {
        Duration perLevel = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "10")));
        int coldRequests = Integer.parseInt(options.getOrDefault("cold-requests", "600"));
        List<LatencyStats> results = new ArrayList<>();

        for (int t = 1; t <= tenants; t++) {
            client.send(HttpMethod.POST, "/api/warmup", key(t)).block();
        }
        load.run("jit-warmup", 10, Duration.ofSeconds(3), Integer.MAX_VALUE, this::warmRequest);
        for (int level : levels()) {
            results.add(load.run("warm", level, perLevel, Integer.MAX_VALUE, this::warmRequest));
        }
        for (int level : levels()) {
            evictAll();
            results.add(load.run("cold", level, perLevel, coldRequests, this::coldRequest));
        }
        results.add(firstLookup(false));
        results.add(firstLookup(true));
        double burstQueries = burst();

        print(results, burstQueries);
        write(results, burstQueries);
    }

    private LoadRun.Request warmRequest(int n) {
        int tenant = 1 + n % tenants;
        String service = SERVICES.get((n / tenants) % SERVICES.size());
        LocalDate day = today.plusDays(1 + (n / (tenants * SERVICES.size())) % 2);
        return availability(tenant, service, day);
    }

    /** Every cold request asks for a (tenant, service, day) no one asked for since the cache was emptied. */
    private LoadRun.Request coldRequest(int n) {
        int tenant = 1 + n % tenants;
        String service = SERVICES.get((n / tenants) % SERVICES.size());
        LocalDate day = today.plusDays(3 + (n / (tenants * SERVICES.size())) % 56);
        return availability(tenant, service, day);
    }

    private LatencyStats firstLookup(boolean warmed) {
        int calls = Integer.parseInt(options.getOrDefault("calls", "40"));
        long[] micros = new long[calls];
        int errors = 0;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            int tenant = 1 + i % tenants;
            client.send(HttpMethod.DELETE, "/api/cache", key(tenant)).block();
            if (warmed) {
                client.send(HttpMethod.POST, "/api/warmup", key(tenant)).block();
            }
            LoadRun.Request first = availability(tenant, "Haircut", today.plusDays(1));
            long begun = System.nanoTime();
            BookingApiClient.Answer answer = client.send(first.method(), first.path(), first.apiKey()).block();
            micros[i] = (System.nanoTime() - begun) / 1000;
            errors += answer == null || answer.status() != 200 ? 1 : 0;
        }
        return LatencyStats.of(warmed ? "first-lookup-warmed" : "first-lookup-cold", 1, micros, errors,
                (System.nanoTime() - started) / 1e9);
    }

    /** Availability queries the server ran for 50 concurrent identical lookups on a cold cache. */
    private double burst() {
        client.send(HttpMethod.DELETE, "/api/cache", key(1)).block();
        double before = client.metric("firstbyte.booking.db.queries", "kind:availability").block();
        LoadRun.Request same = availability(1, "Haircut", today.plusDays(6));
        load.run("burst", 50, Duration.ofSeconds(30), 50, n -> same);
        return client.metric("firstbyte.booking.db.queries", "kind:availability").block() - before;
    }

    private void evictAll() {
        Flux.range(1, tenants).flatMap(t -> client.send(HttpMethod.DELETE, "/api/cache", key(t)), 8).blockLast();
    }

    private LoadRun.Request availability(int tenant, String service, LocalDate day) {
        return new LoadRun.Request(HttpMethod.GET, "/api/availability?service=" + service + "&date=" + day, key(tenant));
    }

    private String key(int tenant) {
        return "synthetic-key-" + tenant;
    }

    private int[] levels() {
        return Arrays.stream(options.getOrDefault("levels", "1,5,10,30,100").split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private void print(List<LatencyStats> results, double burstQueries) {
        System.out.printf("%-20s %5s %8s %6s %9s %8s %8s %8s %8s%n", "scenario", "conc", "requests", "errors", "req/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (LatencyStats r : results) {
            System.out.printf("%-20s %5d %8d %6d %9.0f %8.2f %8.2f %8.2f %8.2f%n", r.scenario(), r.concurrency(),
                    r.requests(), r.errors(), r.throughput(), r.p50(), r.p95(), r.p99(), r.max());
        }
        System.out.printf("availability queries for 50 concurrent identical cold lookups: %.0f%n", burstQueries);
    }

    private void write(List<LatencyStats> results, double burstQueries) throws Exception {
        ObjectNode report = JSON.createObjectNode();
        report.put("benchmark", "booking-api check_availability");
        report.put("tenants", tenants);
        report.put("cpus", Runtime.getRuntime().availableProcessors());
        report.put("burst_availability_queries", burstQueries);
        ArrayNode rows = report.putArray("results");
        for (LatencyStats r : results) {
            rows.addObject().put("scenario", r.scenario()).put("concurrency", r.concurrency()).put("requests", r.requests())
                    .put("errors", r.errors()).put("throughput_rps", Math.round(r.throughput())).put("p50_ms", r.p50())
                    .put("p95_ms", r.p95()).put("p99_ms", r.p99()).put("max_ms", r.max());
        }
        Path out = Path.of(options.getOrDefault("out", "bench-results/booking-api.json"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.println("wrote " + out);
    }
}
