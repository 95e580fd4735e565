package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Named latency profiles and the server's default. A call picks one with its {@code profile}
 * parameter and may override its jitter with {@code jitter} (for example {@code 0} for exact
 * timing); unknown names and unreadable numbers fall back to the default. Immutable.
 */
public final class LatencyProfiles {

    public static final String PROFILE_PARAMETER = "profile";
    public static final String JITTER_PARAMETER = "jitter";

    public static final LatencyProfile FAST = new LatencyProfile(ms(100), ms(200), ms(150), 100,
            ms(50), 0.1, 0.1);
    public static final LatencyProfile TYPICAL_CLOUD = new LatencyProfile(ms(250), ms(250), ms(350), 60,
            ms(120), 0.25, 0.15);
    public static final LatencyProfile SLOW = new LatencyProfile(ms(500), ms(400), ms(900), 25,
            ms(300), 0.5, 0.2);
    /**
     * No waiting at all: the transcript, tokens and voice come as fast as the code makes them. For runs
     * that only exercise the call path, such as the server's start-up rehearsal.
     */
    public static final LatencyProfile INSTANT = new LatencyProfile(Duration.ZERO, ms(200), Duration.ZERO, 1000,
            Duration.ZERO, 0, 0);

    private final Map<String, LatencyProfile> profiles;
    private final String defaultName;

    private LatencyProfiles(Map<String, LatencyProfile> profiles, String defaultName) {
        if (!profiles.containsKey(defaultName)) {
            throw new IllegalArgumentException("no latency profile named " + defaultName + "; known: " + profiles.keySet());
        }
        this.profiles = Map.copyOf(profiles);
        this.defaultName = defaultName;
    }

    /** {@code fast}, {@code typical-cloud} (the default), {@code slow} and {@code instant}. */
    public static LatencyProfiles builtIn() {
        return new LatencyProfiles(Map.of("fast", FAST, "typical-cloud", TYPICAL_CLOUD, "slow", SLOW, "instant", INSTANT),
                "typical-cloud");
    }

    /** These profiles with {@code overrides} replacing or adding profiles of the same name. */
    public LatencyProfiles with(Map<String, LatencyProfile> overrides) {
        Map<String, LatencyProfile> merged = new LinkedHashMap<>(profiles);
        overrides.forEach((name, profile) -> merged.put(normalise(name), profile));
        return new LatencyProfiles(merged, defaultName);
    }

    /** These profiles with {@code name} as the default. */
    public LatencyProfiles withDefault(String name) {
        return new LatencyProfiles(profiles, normalise(name));
    }

    public Optional<LatencyProfile> find(String name) {
        return Optional.ofNullable(profiles.get(normalise(name)));
    }

    public LatencyProfile defaultProfile() {
        return profiles.get(defaultName);
    }

    public String defaultName() {
        return defaultName;
    }

    public Set<String> names() {
        return profiles.keySet();
    }

    /** The call's profile: its {@code profile} parameter or the default, with its {@code jitter} parameter applied. */
    public LatencyProfile forCall(CallContext call) {
        String name = call.parameter(PROFILE_PARAMETER);
        LatencyProfile profile = name == null ? defaultProfile() : find(name).orElseGet(this::defaultProfile);
        Double jitter = jitterOverride(call.parameter(JITTER_PARAMETER));
        return jitter == null ? profile : profile.withJitter(jitter);
    }

    private static @Nullable Double jitterOverride(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            double jitter = Double.parseDouble(text.trim());
            return jitter >= 0 && jitter < 1 ? jitter : null;
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
