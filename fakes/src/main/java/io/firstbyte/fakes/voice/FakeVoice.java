package io.firstbyte.fakes.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How a fake speech server speaks: {@code bytesPerChar} of mu-law per character of text (the
 * default, 40, is 5 ms per character), cut into {@code chunkBytes} chunks; the first chunk of
 * each flushed piece after {@code firstByte}, the next ones every {@code chunkEvery}. Every byte of
 * a piece is {@code tag} (the clause's number on the wire), so a test can tell which clause a chunk
 * came from. {@link Mode} makes it fail the way providers do. Mutable so a test or a benchmark
 * can set a latency profile; thread-safe for that.
 */
public final class FakeVoice {

    /** How the next pieces are answered. */
    public enum Mode {
        /** Speak normally. */
        NORMAL,
        /** Accept text, never answer (a stuck provider: slow first byte). */
        SILENT,
        /** Answer with the provider's error message. */
        ERROR,
        /** Send the first chunk, then drop the TCP connection (mid-stream disconnect). */
        DROP_MID_STREAM
    }

    private volatile Duration firstByte = Duration.ofMillis(10);
    private volatile Duration chunkEvery = Duration.ofMillis(5);
    private volatile int bytesPerChar = 40;
    private volatile int chunkBytes = 800;
    private volatile Mode mode = Mode.NORMAL;

    public FakeVoice firstByte(Duration delay) {
        firstByte = delay;
        return this;
    }

    public FakeVoice chunkEvery(Duration delay) {
        chunkEvery = delay;
        return this;
    }

    public FakeVoice bytesPerChar(int bytes) {
        bytesPerChar = bytes;
        return this;
    }

    public FakeVoice mode(Mode next) {
        mode = next;
        return this;
    }

    public Mode mode() {
        return mode;
    }

    /** The audio of {@code text}, every byte {@code tag}. */
    public byte[] audioFor(String text, int tag) {
        byte[] audio = new byte[Math.max(1, text.strip().length()) * bytesPerChar];
        Arrays.fill(audio, (byte) tag);
        return audio;
    }

    /** The chunks of {@code text}, each released on time. */
    public Flux<byte[]> speak(String text, int tag) {
        byte[] audio = audioFor(text, tag);
        List<byte[]> chunks = new ArrayList<>();
        for (int offset = 0; offset < audio.length; offset += chunkBytes) {
            chunks.add(Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + chunkBytes)));
        }
        Duration every = chunkEvery;
        return Mono.delay(firstByte).thenMany(Flux.fromIterable(chunks)
                .index()
                .concatMap(chunk -> chunk.getT1() == 0 || every.isZero()
                        ? Mono.just(chunk.getT2())
                        : Mono.delay(every).thenReturn(chunk.getT2())));
    }
}
