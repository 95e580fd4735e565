package io.firstbyte.bench.fakes;

import io.firstbyte.bench.calls.caller.CallerScript;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code fakes} command: starts the fake Deepgram, OpenAI-compatible and Cartesia servers on
 * fixed ports at a latency profile, prints the environment that points a Firstbyte server at
 * them, and serves until interrupted. The {@code calls} command then measures TTFB through them.
 */
public final class FakesCommand {

    public static final String USAGE = """
            usage: java -jar firstbyte-bench.jar fakes [options]
            Serves fake Deepgram (listen), OpenAI-compatible (chat completions) and Cartesia (TTS)
            providers on 127.0.0.1 and prints the server environment that uses them; Ctrl-C stops.

              --latency NAME   typical-cloud | fast | none (default typical-cloud)
              --stt-port N     Deepgram listen port (default 9301)
              --llm-port N     OpenAI-compatible port (default 9302)
              --tts-port N     Cartesia port (default 9303)
              --key KEY        the key every fake accepts (default bench-key)""";

    private final PrintStream out;

    public FakesCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String... args) throws InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("latency", "typical-cloud", "stt-port", "9301",
                "llm-port", "9302", "tts-port", "9303", "key", "bench-key"));
        for (int i = 0; i < args.length; i++) {
            String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (flag.equals("help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!options.containsKey(flag) || i + 1 >= args.length) {
                out.println("unknown option or missing value: " + args[i]);
                out.println(USAGE);
                return 2;
            }
            options.put(flag, args[++i]);
        }
        FakeLatency latency;
        try {
            latency = FakeLatency.named(options.get("latency"));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        }
        FakeProviders fakes = FakeProviders.start(options.get("key"), latency, CallerScript.BOOKING,
                Integer.parseInt(options.get("stt-port")), Integer.parseInt(options.get("llm-port")),
                Integer.parseInt(options.get("tts-port")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.close();
            stopped.countDown();
        }));
        out.println("fake providers up, latency " + latency.name() + ". Start the server with:");
        out.println("  " + String.join(" \\\n  ", fakes.serverEnvironment()) + " \\\n  java -jar app/target/firstbyte.jar");
        out.println("then measure with: java -jar bench/target/firstbyte-bench.jar calls --calls 50 --ramp 10s");
        out.flush();
        stopped.await();
        return 0;
    }
}
