package io.firstbyte.pipeline.audio;

/** Encoding and sample rate of a mono audio stream. */
public record AudioFormat(AudioEncoding encoding, int sampleRate) {

    public static final AudioFormat MULAW_8K = new AudioFormat(AudioEncoding.MULAW, 8000);
    public static final AudioFormat ALAW_8K = new AudioFormat(AudioEncoding.ALAW, 8000);
    public static final AudioFormat PCM16_8K = new AudioFormat(AudioEncoding.PCM16LE, 8000);
    public static final AudioFormat PCM16_16K = new AudioFormat(AudioEncoding.PCM16LE, 16000);
    public static final AudioFormat PCM16_24K = new AudioFormat(AudioEncoding.PCM16LE, 24000);

    public AudioFormat {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    /** Bytes in one 20 ms frame of this format. */
    public int bytesPerFrame() {
        return sampleRate / 50 * encoding.bytesPerSample();
    }

    /** Milliseconds of audio held in {@code bytes} bytes. */
    public long millisOf(int bytes) {
        return bytes * 1000L / ((long) sampleRate * encoding.bytesPerSample());
    }
}
