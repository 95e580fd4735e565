package io.firstbyte.adapters.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How slow the simulated providers are on purpose.
 *
 * @param sttEndOfSpeechDelay from the caller's last voiced frame to the final transcript
 * @param sttInterimInterval  the least voiced audio between two interim transcripts (each shows the words said so far)
 * @param llmFirstTokenDelay  from request to the model's first output
 * @param llmTokensPerSecond  token rate after the first one; 0 sends the whole answer at once
 * @param ttsFirstByteDelay   from a clause to its first audio
 * @param ttsRealTimeFactor   time spent generating one second of audio (0.25 = four times real time)
 * @param jitter              each delay varies uniformly by this fraction (0.15 = ±15 %)
 */
public record LatencyProfile(Duration sttEndOfSpeechDelay, Duration sttInterimInterval, Duration llmFirstTokenDelay,
                             double llmTokensPerSecond, Duration ttsFirstByteDelay, double ttsRealTimeFactor,
                             double jitter) {

    public LatencyProfile {
        requireNotNegative(sttEndOfSpeechDelay, "sttEndOfSpeechDelay");
        requireNotNegative(llmFirstTokenDelay, "llmFirstTokenDelay");
        requireNotNegative(ttsFirstByteDelay, "ttsFirstByteDelay");
        if (sttInterimInterval.isZero() || sttInterimInterval.isNegative()) {
            throw new IllegalArgumentException("sttInterimInterval must be positive");
        }
        if (!(llmTokensPerSecond >= 0) || !(ttsRealTimeFactor >= 0)) {
            throw new IllegalArgumentException("token rate and real-time factor must not be negative");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    public LatencyProfile withJitter(double jitter) {
        return new LatencyProfile(sttEndOfSpeechDelay, sttInterimInterval, llmFirstTokenDelay, llmTokensPerSecond,
                ttsFirstByteDelay, ttsRealTimeFactor, jitter);
    }

    /** {@code delay} varied uniformly by ±{@link #jitter()}, drawn from {@code random}. */
    public Duration jittered(Duration delay, RandomGenerator random) {
        if (jitter == 0 || delay.isZero()) {
            return delay;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(delay.toNanos() * factor));
    }

    /** The gap between two tokens, or zero when the whole answer goes at once. */
    public Duration tokenInterval() {
        return llmTokensPerSecond == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(1e9 / llmTokensPerSecond));
    }

    private static void requireNotNegative(Duration delay, String name) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
