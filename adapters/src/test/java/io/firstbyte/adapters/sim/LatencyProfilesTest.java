package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyProfilesTest {

    private static final LatencyProfile INSTANT = new LatencyProfile(Duration.ZERO, Duration.ofMillis(100), Duration.ZERO, 0,
            Duration.ZERO, 0, 0);

    @Test
    void theBuiltInProfilesAreFindableByName() {
        LatencyProfiles profiles = LatencyProfiles.builtIn();

        assertThat(profiles.names()).containsExactlyInAnyOrder("fast", "typical-cloud", "slow", "instant");
        assertThat(profiles.find("fast")).contains(LatencyProfiles.FAST);
        assertThat(profiles.find("Typical-Cloud")).contains(LatencyProfiles.TYPICAL_CLOUD);
        assertThat(profiles.find("slow").orElseThrow().llmFirstTokenDelay()).isEqualTo(Duration.ofMillis(900));
        assertThat(profiles.find("warp")).isEmpty();
        assertThat(profiles.defaultProfile()).isEqualTo(LatencyProfiles.TYPICAL_CLOUD);
    }

    @Test
    void configurationReplacesAndAddsProfilesAndChoosesTheDefault() {
        LatencyProfiles profiles = LatencyProfiles.builtIn()
                .with(Map.of("fast", INSTANT, "Lab", LatencyProfiles.SLOW))
                .withDefault("lab");

        assertThat(profiles.find("fast")).contains(INSTANT);
        assertThat(profiles.find("lab")).contains(LatencyProfiles.SLOW);
        assertThat(profiles.defaultProfile()).isEqualTo(LatencyProfiles.SLOW);
        assertThat(LatencyProfiles.builtIn().find("fast")).contains(LatencyProfiles.FAST);
    }

    @Test
    void anUnknownDefaultIsRefusedAtStartUp() {
        assertThatThrownBy(() -> LatencyProfiles.builtIn().withDefault("warp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warp");
    }

    @Test
    void aCallChoosesItsProfileAndJitterByParameter() {
        LatencyProfiles profiles = LatencyProfiles.builtIn();

        assertThat(profiles.forCall(call(Map.of("profile", "slow")))).isEqualTo(LatencyProfiles.SLOW);
        assertThat(profiles.forCall(call(Map.of("profile", "fast", "jitter", "0"))))
                .isEqualTo(LatencyProfiles.FAST.withJitter(0));
        assertThat(profiles.forCall(call(Map.of("jitter", "0.3")))).isEqualTo(LatencyProfiles.TYPICAL_CLOUD.withJitter(0.3));
    }

    @Test
    void badCallParametersFallBackToTheDefaults() {
        LatencyProfiles profiles = LatencyProfiles.builtIn();

        assertThat(profiles.forCall(call(Map.of()))).isEqualTo(LatencyProfiles.TYPICAL_CLOUD);
        assertThat(profiles.forCall(call(Map.of("profile", "warp")))).isEqualTo(LatencyProfiles.TYPICAL_CLOUD);
        assertThat(profiles.forCall(call(Map.of("profile", "fast", "jitter", "lots")))).isEqualTo(LatencyProfiles.FAST);
        assertThat(profiles.forCall(call(Map.of("profile", "fast", "jitter", "-1")))).isEqualTo(LatencyProfiles.FAST);
    }

    @Test
    void jitterVariesADelayUniformlyWithinItsFraction() {
        LatencyProfile profile = LatencyProfiles.TYPICAL_CLOUD; // ±15 %
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2000; i++) {
            long millis = profile.jittered(Duration.ofMillis(1000), random).toMillis();
            min = Math.min(min, millis);
            max = Math.max(max, millis);
        }

        assertThat(min).isBetween(850L, 870L);
        assertThat(max).isBetween(1130L, 1150L);
        assertThat(profile.withJitter(0).jittered(Duration.ofMillis(1000), random)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void theTokenIntervalFollowsTheRateAndZeroMeansAllAtOnce() {
        assertThat(LatencyProfiles.TYPICAL_CLOUD.tokenInterval()).isEqualTo(Duration.ofNanos(16_666_667));
        assertThat(INSTANT.tokenInterval()).isZero();
    }

    @Test
    void impossibleProfilesAreRefused() {
        assertThatThrownBy(() -> LatencyProfiles.FAST.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyProfile(Duration.ofMillis(-1), Duration.ofMillis(100), Duration.ZERO, 0,
                Duration.ZERO, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CallContext call(Map<String, String> parameters) {
        return new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", parameters, Map.of());
    }
}
