package io.firstbyte.bench.fakes;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How slowly the fake providers answer. {@code typical-cloud} mirrors the simulated profile of the
 * same name (LLM first token 350 ms then 60 tokens/s, speech first byte 120 ms at 4x real time)
 * with a Deepgram final 80 ms after the server's own endpointing or Finalize; {@code fast} is a
 * well-placed deployment; {@code none} answers at once, leaving only the protocols' own cost.
 * {@code speechMillisPerChar} sets how long the fake voice speaks (about 15 characters a second).
 */
public record FakeLatency(String name, Duration sttResult, Duration llmFirstToken, Duration llmBetweenTokens,
                          Duration ttsFirstByte, Duration ttsChunkEvery, int speechMillisPerChar) {

    public static final Map<String, FakeLatency> PROFILES = Map.of(
            "typical-cloud", new FakeLatency("typical-cloud", ms(80), ms(350), ms(17), ms(120), ms(25), 65),
            "fast", new FakeLatency("fast", ms(30), ms(150), ms(10), ms(50), ms(10), 65),
            "none", new FakeLatency("none", ms(0), ms(0), ms(0), ms(0), ms(0), 65));

    public static FakeLatency named(String name) {
        FakeLatency profile = PROFILES.get(name.toLowerCase(Locale.ROOT));
        if (profile == null) {
            throw new IllegalArgumentException("unknown latency '" + name + "': use one of " + PROFILES.keySet());
        }
        return profile;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
