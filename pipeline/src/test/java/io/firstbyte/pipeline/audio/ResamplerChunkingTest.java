package io.firstbyte.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** However a stream is cut into chunks, the resampler produces the same samples. */
class ResamplerChunkingTest {

    private static final int[] RATES = {8000, 16000, 24000};

    @Property(tries = 200)
    void anyChunkingGivesTheWholeBufferResultAndCeilingOfInputTimesRatioSamples(
            @ForAll @IntRange(max = 2) int fromIndex,
            @ForAll @IntRange(max = 2) int toIndex,
            @ForAll @Size(max = 12) List<@IntRange(max = 700) Integer> chunkSizes) {
        int from = RATES[fromIndex];
        int to = RATES[toIndex];
        int total = chunkSizes.stream().mapToInt(Integer::intValue).sum();
        short[] in = ResamplerTest.speechLike(from, total);

        short[] whole = Resampler.of(from, to).process(in);
        Resampler streaming = Resampler.of(from, to);
        short[] chunked = new short[0];
        int start = 0;
        for (int size : chunkSizes) {
            chunked = ResamplerTest.concat(chunked, streaming.process(Arrays.copyOfRange(in, start, start + size)));
            start += size;
        }

        assertThat(chunked).isEqualTo(whole).hasSize((int) Math.ceil((double) total * to / from));
    }
}
