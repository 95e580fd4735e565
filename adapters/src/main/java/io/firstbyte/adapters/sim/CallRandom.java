package io.firstbyte.adapters.sim;

import io.firstbyte.pipeline.call.CallContext;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Reproducible randomness: the same call id (and purpose) always draws the same numbers. */
final class CallRandom {

    private CallRandom() {
    }

    static RandomGenerator of(CallContext call, String purpose, long salt) {
        long seed = 1125899906842597L;
        for (char c : (call.callId() + '/' + purpose).toCharArray()) {
            seed = 31 * seed + c;
        }
        return new SplittableRandom(seed ^ (salt * 0x9E3779B97F4A7C15L));
    }
}
