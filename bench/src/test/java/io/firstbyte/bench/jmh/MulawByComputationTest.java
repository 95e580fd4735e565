package io.firstbyte.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.G711;
import org.junit.jupiter.api.Test;

class MulawByComputationTest {

    @Test
    void baselineDecodesEveryCodeExactlyAsTheTable() {
        byte[] codes = new byte[256];
        for (int code = 0; code < 256; code++) {
            codes[code] = (byte) code;
        }

        assertThat(MulawByComputation.decode(codes)).containsExactly(G711.decodeMulaw(codes));
    }
}
