package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.bench.calls.caller.Backchannels;
import io.firstbyte.bench.calls.caller.CallerTiming;
import io.firstbyte.bench.calls.caller.Pauses;
import io.firstbyte.bench.calls.report.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parses the {@code calls} command line ({@code --name value} pairs) into {@link CallsOptions}. */
public final class CallsCommandLine {

    public static final String USAGE = """
            usage: java -jar firstbyte-bench.jar calls [options]
            Simulates concurrent calls (Twilio Media Streams, or another gateway's media socket) against
            a running Firstbyte server and reports TTFB, server overhead, playback underruns,
            barge-in-to-clear time and errors.

              --dialect NAME            twilio, telnyx, plivo, freeswitch, jambonz, vonage, asterisk
                                        (chan_websocket) or audiosocket (Asterisk AudioSocket, TCP)
                                        (default twilio)
              --url URL                 server, ws://host:port (adds the dialect's path, /twilio/media or
                                        /audio/<dialect>) or a full ws(s) URL (default ws://localhost:8080);
                                        audiosocket registers each call at this host's /audiosocket/calls
              --audiosocket-port N      the server's AudioSocket TCP port, same host as --url (default 9092)
              --secret VALUE            the gateway's upgrade secret (Telnyx stream token, FreeSWITCH bearer
                                        token, jambonz/Asterisk password, Plivo/Vonage token; for audiosocket
                                        the Asterisk password on the registration; default none)
              --calls N                 concurrent calls (default 1)
              --ramp DURATION           spread the call starts over this time, e.g. 10s (default 0s)
              --duration DURATION       keep calling for this time: each of the --calls callers dials again
                                        when its call ends, until the time is up (k6's constant VUs, e.g.
                                        --calls 50 --duration 60s as seed 000's acceptance run); calls in
                                        progress then finish (default 0s: one call per caller)
              --profile NAME            latency profile the server simulates per call (default typical-cloud)
              --jitter VALUE            jitter parameter passed to the server (default: the profile's own)
              --from NUMBER             caller number (default +15550100199)
              --to NUMBER               dialled number (default +15550100100, the demo tenant)
              --turns-file FILE         caller lines, one per turn ('#' comments; default: the booking scenario);
                                        a '|' in a line is a mid-sentence pause ("a haircut and | uh, a beard trim")
              --pauses DURATION[-DURATION]  length of each mid-sentence pause, drawn afresh per pause and call
                                        from the range (default 400ms-700ms); the report counts the lines whose
                                        answer started before they were finished (early turn ends)
              --word-gaps DURATION[-DURATION]  silence between the words of each line, as real speech has at
                                        some word joins (e.g. 20ms-60ms, whole 20 ms frames, drawn afresh per
                                        gap and call; default none: the words run together)
              --barge-in-turn N         turn whose answer the caller interrupts, 0 for none (default 3,
                                the booking, while its tool call runs)
              --barge-in-delay DURATION after the answer starts playing (default 400ms)
              --answer-quiet DURATION   quiet after an answer before the caller speaks (default 700ms)
              --answer-timeout DURATION longest wait for an answer to start (default 10s)
              --greeting-wait DURATION  longest wait for a greeting to start (default 3s)
              --call-timeout DURATION   longest a whole call may take (default 5m)
              --noise-dbfs X            steady background noise (pink, like a TV or a fan in the room) at
                                        X dBFS RMS under everything the caller sends, e.g. -30 (default none)
              --backchannels WORDS      '|'-separated backchannels (e.g. 'Mm-hmm.|Okay.|Yeah.|Right.'): the caller
                                        says the next one during each answer but the last and the interrupted
                                        one, and the report says how many cut the agent (default none)
              --backchannel-delay DURATION  after the answer starts playing (default 800ms)
              --backchannel-length DURATION how long each is said (default 360ms)
              --json FILE               JSON report (default bench-results/calls-<N>.json)
            thresholds (the run fails when one is missed; errors always fail it):
              --max-ttfb-p95-ms X  --max-ttfb-p99-ms X  --max-overhead-p99-ms X
              --max-clear-p95-ms X  --max-underruns N
            durations: 500ms, 10s, 2m, or a number of seconds""";

    private static final List<String> FLAGS = List.of("dialect", "secret", "url", "audiosocket-port", "calls", "ramp", "duration", "profile", "jitter", "from", "to",
            "turns-file", "barge-in-turn", "barge-in-delay", "answer-quiet", "answer-timeout", "greeting-wait",
            "call-timeout", "json", "max-ttfb-p95-ms", "max-ttfb-p99-ms", "max-overhead-p99-ms",
            "max-clear-p95-ms", "max-underruns", "noise-dbfs", "backchannels", "backchannel-delay", "backchannel-length",
            "pauses", "word-gaps");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");

    private CallsCommandLine() {
    }

    /** Empty when help was asked for; throws {@link IllegalArgumentException} on a bad command line. */
    public static Optional<CallsOptions> parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return Optional.empty();
            }
            String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!FLAGS.contains(flag) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(flag, args[++i]);
        }
        return Optional.of(options(new Values(values)));
    }

    private static CallsOptions options(Values v) {
        int calls = v.integer("calls", 1);
        if (calls < 1) {
            throw new IllegalArgumentException("--calls must be at least 1");
        }
        CallerTiming timing = new CallerTiming(v.duration("answer-quiet", "700ms"), v.duration("barge-in-delay", "400ms"),
                v.duration("greeting-wait", "3s"), v.duration("answer-timeout", "10s"), CallerTiming.DEFAULTS.longestAnswer());
        Thresholds thresholds = new Thresholds(v.number("max-ttfb-p95-ms"), v.number("max-ttfb-p99-ms"),
                v.number("max-overhead-p99-ms"), v.number("max-clear-p95-ms"), v.optionalInteger("max-underruns"));
        String turnsFile = v.get("turns-file");
        Gateway gateway = Gateway.named(v.text("dialect", "twilio"));
        int audioSocketPort = v.integer("audiosocket-port", 9092);
        if (audioSocketPort < 1 || audioSocketPort > 65535) {
            throw new IllegalArgumentException("--audiosocket-port must be a TCP port, got " + audioSocketPort);
        }
        return new CallsOptions(gateway, v.text("secret", ""), CallsOptions.mediaUrl(v.text("url", "ws://localhost:8080"), gateway),
                audioSocketPort, calls,
                v.duration("ramp", "0s"), v.duration("duration", "0s"), v.text("profile", "typical-cloud"), v.get("jitter"),
                v.text("from", "+15550100199"), v.text("to", "+15550100100"),
                turnsFile == null ? null : Path.of(turnsFile), v.integer("barge-in-turn", 3), timing,
                v.duration("call-timeout", "5m"), Path.of(v.text("json", "bench-results/calls-" + calls + ".json")),
                thresholds, noiseDbfs(v.number("noise-dbfs")), backchannels(v),
                Pauses.parse(v.text("pauses", "400ms-700ms"), CallsCommandLine::duration),
                v.get("word-gaps") == null ? null : Pauses.parse(v.text("word-gaps", ""), CallsCommandLine::duration));
    }

    private static Backchannels backchannels(Values v) {
        String words = v.get("backchannels");
        List<String> said = words == null ? List.of()
                : Arrays.stream(words.split("\\|")).map(String::strip).filter(word -> !word.isEmpty()).toList();
        return new Backchannels(said, v.duration("backchannel-delay", "800ms"), v.duration("backchannel-length", "360ms"));
    }

    private static @Nullable Double noiseDbfs(@Nullable Double dbfs) {
        if (dbfs != null && (dbfs > -3 || dbfs.isNaN())) {
            throw new IllegalArgumentException("--noise-dbfs must be below -3 (dBFS), got " + dbfs);
        }
        return dbfs;
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (use 500ms, 10s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private record Values(Map<String, String> map) {

        @Nullable String get(String flag) {
            return map.get(flag);
        }

        String text(String flag, String fallback) {
            return map.getOrDefault(flag, fallback);
        }

        Duration duration(String flag, String fallback) {
            return CallsCommandLine.duration(text(flag, fallback));
        }

        int integer(String flag, int fallback) {
            Integer value = optionalInteger(flag);
            return value == null ? fallback : value;
        }

        @Nullable Integer optionalInteger(String flag) {
            String value = map.get(flag);
            try {
                return value == null ? null : Integer.valueOf(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + flag + " needs a whole number, got " + value);
            }
        }

        @Nullable Double number(String flag) {
            String value = map.get(flag);
            try {
                return value == null ? null : Double.valueOf(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + flag + " needs a number, got " + value);
            }
        }
    }
}
