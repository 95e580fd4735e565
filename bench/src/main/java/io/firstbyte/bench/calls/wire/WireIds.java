package io.firstbyte.bench.calls.wire;

import java.util.UUID;
import java.util.random.RandomGenerator;

final class WireIds {

    private WireIds() {
    }

    static String uuid(RandomGenerator random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
