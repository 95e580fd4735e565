package io.firstbyte.bench.jmh;

import io.firstbyte.pipeline.audio.G711;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * G.711 mu-law decoding: the pipeline's 256-entry table against computing each sample from its
 * code (the reference algorithm, the naive baseline). One 20 ms frame is 160 codes; a second of
 * audio is 8000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MulawDecodeBenchmark {

    @Param({"160", "8000"})
    public int codeCount;

    private byte[] codes = new byte[0];

    @Setup
    public void fillWithRandomCodes() {
        codes = new byte[codeCount];
        new Random(42).nextBytes(codes);
    }

    @Benchmark
    public short[] decodeByTable() {
        return G711.decodeMulaw(codes);
    }

    @Benchmark
    public short[] decodeByComputation() {
        return MulawByComputation.decode(codes);
    }
}
