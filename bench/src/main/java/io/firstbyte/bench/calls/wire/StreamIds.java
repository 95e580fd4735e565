package io.firstbyte.bench.calls.wire;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** The identifiers Twilio gives one stream: {@code MZ}, {@code CA} and {@code AC} followed by 32 hex digits. */
public record StreamIds(String streamSid, String callSid, String accountSid) {

    private static final HexFormat HEX = HexFormat.of();

    public static StreamIds random(RandomGenerator random) {
        return new StreamIds(sid("MZ", random), sid("CA", random), sid("AC", random));
    }

    private static String sid(String prefix, RandomGenerator random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return prefix + HEX.formatHex(bytes);
    }
}
