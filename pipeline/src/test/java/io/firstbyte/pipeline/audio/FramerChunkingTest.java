package io.firstbyte.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** However audio is cut into chunks, the framer hands the same bytes on, in whole frames. */
class FramerChunkingTest {

    @Property(tries = 300)
    void anyChunkingYieldsWholeFramesOfTheSameBytesInOrder(
            @ForAll AudioEncoding encoding,
            @ForAll @Size(max = 20) List<@IntRange(max = 2500) Integer> chunkSizes) {
        Framer framer = new Framer(new AudioFormat(encoding, 16000));
        int frameBytes = framer.format().bytesPerFrame();
        byte[] sent = new byte[0];
        byte[] received = new byte[0];

        for (int size : chunkSizes) {
            byte[] chunk = Arrays.copyOfRange(FramerTest.counting(sent.length + size), sent.length, sent.length + size);
            sent = FramerTest.join(sent, chunk);
            for (byte[] frame : framer.push(chunk)) {
                assertThat(frame).hasSize(frameBytes);
                received = FramerTest.join(received, frame);
            }
        }

        assertThat(received).isEqualTo(Arrays.copyOf(sent, sent.length / frameBytes * frameBytes));
        assertThat(framer.pendingBytes()).isEqualTo(sent.length % frameBytes);
    }
}
