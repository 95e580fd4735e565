package io.firstbyte.pipeline.audio;

/** How samples are laid out on the wire. */
public enum AudioEncoding {
    /** G.711 mu-law, one byte per sample. */
    MULAW(1),
    /** G.711 A-law, one byte per sample. */
    ALAW(1),
    /** Signed 16-bit linear PCM, little-endian. */
    PCM16LE(2);

    private final int bytesPerSample;

    AudioEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }
}
