package io.firstbyte.bench;

import io.firstbyte.bench.calls.CallsCommand;
import io.firstbyte.bench.fakes.FakesCommand;
import java.util.Arrays;

/** Entry point of the bench jar: {@code calls}, {@code fakes}, {@code booking} or {@code jmh}, then that command's options. */
public final class BenchMain {

    private static final String BOOKING_BENCH = "io.firstbyte.bench.booking.BookingBench";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "calls" -> System.exit(new CallsCommand(System.out).run(rest));
            case "fakes" -> System.exit(new FakesCommand(System.out).run(rest));
            case "booking" -> System.exit(runBooking(rest));
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println(usage());
                System.exit(command.isEmpty() || command.equals("--help") ? 0 : 2);
            }
        }
    }

    /** The booking benchmark lives in its own package, added separately; it is found by name so either can be built alone. */
    private static int runBooking(String[] args) throws Exception {
        Class<?> bench;
        try {
            bench = Class.forName(BOOKING_BENCH);
        } catch (ClassNotFoundException e) {
            System.err.println("the booking benchmark is not in this build (" + BOOKING_BENCH + ")");
            return 2;
        }
        bench.getMethod("main", String[].class).invoke(null, (Object) args);
        return 0;
    }

    static String usage() {
        return """
                usage: java -jar firstbyte-bench.jar <command> [options]
                  calls    simulate concurrent Twilio Media Streams calls (calls --help)
                  fakes    serve fake Deepgram/OpenAI-compatible/Cartesia providers at cloud latencies (fakes --help)
                  booking  load-test the booking API (booking --help)
                  jmh      run the JMH micro-benchmarks (JMH's own options, e.g. jmh -f 1 -wi 1 -i 2)""";
    }
}
