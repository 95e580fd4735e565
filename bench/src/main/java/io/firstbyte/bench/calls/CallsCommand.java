package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.caller.CallerScript;
import io.firstbyte.bench.calls.caller.SpokenScript;
import io.firstbyte.bench.calls.report.CallsReport;
import io.firstbyte.bench.calls.report.ReportTable;
import io.firstbyte.bench.calls.report.TracedCall;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code calls} command: runs the simulation, prints the table, writes the JSON report and
 * answers with the exit code (0 passed, 1 failed, 2 bad command line).
 */
public final class CallsCommand {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(5);

    private final PrintStream out;

    public CallsCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String... args) {
        Optional<CallsOptions> parsed;
        try {
            parsed = CallsCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(CallsCommandLine.USAGE);
            return 2;
        }
        if (parsed.isEmpty()) {
            out.println(CallsCommandLine.USAGE);
            return 0;
        }
        CallsOptions options = parsed.get();
        out.printf("%d %s to %s (ramp %d ms, profile %s%s)…%n", options.calls(),
                options.duration().isZero() ? "calls" : "callers for " + options.duration().toSeconds() + " s", options.target(),
                options.ramp().toMillis(), options.profile(),
                options.noiseDbfs() == null ? "" : ", background noise " + options.noiseDbfs() + " dBFS");
        try {
            CallsReport report = simulate(options);
            out.print(ReportTable.render(report));
            write(report, options.json());
            out.println("report: " + options.json());
            return report.verdict().passed() ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            out.println("cannot run: " + e.getMessage());
            return 2;
        }
    }

    /** Runs the calls and builds the report; blocks the calling (non-event-loop) thread for the whole run. */
    public static CallsReport simulate(CallsOptions options) throws IOException {
        CallerScript script = options.turnsFile() == null
                ? new CallerScript(CallerScript.BOOKING, options.bargeInTurn())
                : CallerScript.fromFile(options.turnsFile(), options.bargeInTurn());
        ConnectionProvider httpPool = ConnectionProvider.create("bench-http", 32);
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        try (FrameClock clock = new FrameClock(System::nanoTime)) {
            HttpClient http = HttpClient.create(httpPool);
            CallTransport transport = transport(options, http, clock);
            TraceClient traces = new TraceClient(http, options.httpBase(), TRACE_TIMEOUT);
            List<TracedCall> calls = new CallSimulator(options, SpokenScript.of(script, options.noise(), options.pauses(), options.wordGaps()), transport, traces).run().block();
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            int made = calls == null ? options.calls() : Math.max(options.calls(), calls.size());
            CallsReport.Run run = new CallsReport.Run(options.target().toString(), options.profile(), made,
                    options.ramp().toMillis(), script.lines().size(), script.bargeInTurn(), startedAt.toString(), durationMs);
            return CallsReport.of(run, calls == null ? List.of() : calls, options.thresholds(),
                    script.lines());
        } finally {
            httpPool.dispose();
        }
    }

    private static CallTransport transport(CallsOptions options, HttpClient http, FrameClock clock) {
        if (options.gateway().overWebSocket()) {
            HttpClient sockets = HttpClient.newConnection()
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis());
            return new WebSocketCall(sockets, options.mediaUrl(), clock, System::nanoTime, options.callTimeout());
        }
        TcpClient audioSocket = TcpClient.newConnection()
                .host(options.target().getHost())
                .port(options.target().getPort())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
        return new AudioSocketCall(http, options.httpBase(), audioSocket, clock, System::nanoTime, options.callTimeout());
    }

    static void write(CallsReport report, Path json) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(json, mapper.writeValueAsString(report));
    }
}
