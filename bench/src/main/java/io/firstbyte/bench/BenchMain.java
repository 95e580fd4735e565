package io.firstbyte.bench;

import java.util.Arrays;

/** Entry point of the bench jar: {@code calls}, {@code booking} or {@code jmh}, then that command's options. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println(usage());
                System.exit(command.isEmpty() || command.equals("--help") ? 0 : 2);
            }
        }
    }

    static String usage() {
        return """
                usage: java -jar firstbyte-bench.jar <command> [options]
                  calls    simulate concurrent Twilio Media Streams calls (calls --help)
                  booking  load-test the booking API (booking --help)
                  jmh      run the JMH micro-benchmarks (JMH's own options, e.g. jmh -f 1 -wi 1 -i 2)""";
    }
}
