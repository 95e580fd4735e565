package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import java.util.Optional;

/** The frame kinds of the AudioSocket protocol (protocols.md 3.6; {@code res_audiosocket.h}). */
public enum AudioSocketKind {
    /** No payload: hang up (both directions). */
    HANGUP(0x00, 0),
    /** 16-byte binary UUID, always Asterisk's first frame. */
    UUID(0x01, 0),
    /** One ASCII byte, a DTMF digit (newer Asterisk). */
    DTMF(0x03, 0),
    /** Signed linear 16-bit little-endian mono at 8 kHz (the dialplan application's format). */
    SLIN(0x10, 8000),
    SLIN_12K(0x11, 12000),
    SLIN_16K(0x12, 16000),
    SLIN_24K(0x13, 24000),
    SLIN_32K(0x14, 32000),
    SLIN_44K(0x15, 44100),
    SLIN_48K(0x16, 48000),
    SLIN_96K(0x17, 96000),
    SLIN_192K(0x18, 192000),
    /** Optional one-byte error code: 0x01 caller hung up, 0x02 frame forwarding error, 0x04 memory error. */
    ERROR(0xFF, 0);

    private final int code;
    private final int sampleRate;

    AudioSocketKind(int code, int sampleRate) {
        this.code = code;
        this.sampleRate = sampleRate;
    }

    public int code() {
        return code;
    }

    /** The audio's sample rate, or 0 for kinds that carry no audio. */
    public int sampleRate() {
        return sampleRate;
    }

    public boolean isAudio() {
        return sampleRate > 0;
    }

    public static Optional<AudioSocketKind> of(int code) {
        for (AudioSocketKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
