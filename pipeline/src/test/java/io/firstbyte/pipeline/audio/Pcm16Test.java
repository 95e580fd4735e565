package io.firstbyte.pipeline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Pcm16Test {

    @Test
    void littleEndianRoundTripKeepsEverySixteenBitSample() {
        short[] samples = new short[65536];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + Short.MIN_VALUE);
        }
        assertThat(Pcm16.fromLittleEndian(Pcm16.toLittleEndian(samples))).isEqualTo(samples);
    }

    @Test
    void lowByteComesFirst() {
        assertThat(Pcm16.toLittleEndian(new short[] {0x1234, (short) 0xFF80}))
                .containsExactly(0x34, 0x12, 0x80, 0xFF);
        assertThat(Pcm16.fromLittleEndian(new byte[] {0x34, 0x12, (byte) 0x80, (byte) 0xFF}))
                .containsExactly((short) 0x1234, (short) 0xFF80);
    }

    @Test
    void trailingOddByteIsIgnored() {
        assertThat(Pcm16.fromLittleEndian(new byte[] {1, 0, 7})).containsExactly((short) 1);
    }

    @Test
    void decodeAndEncodeDispatchOnTheEncoding() {
        short[] samples = {0, 1000, -1000, 32000, -32000};
        assertThat(Pcm16.encode(samples, AudioEncoding.MULAW)).isEqualTo(G711.encodeMulaw(samples));
        assertThat(Pcm16.encode(samples, AudioEncoding.ALAW)).isEqualTo(G711.encodeAlaw(samples));
        assertThat(Pcm16.encode(samples, AudioEncoding.PCM16LE)).isEqualTo(Pcm16.toLittleEndian(samples));
        byte[] codes = {0, 0x55, (byte) 0xD5, (byte) 0xFF};
        assertThat(Pcm16.decode(codes, AudioEncoding.MULAW)).isEqualTo(G711.decodeMulaw(codes));
        assertThat(Pcm16.decode(codes, AudioEncoding.ALAW)).isEqualTo(G711.decodeAlaw(codes));
        assertThat(Pcm16.decode(codes, AudioEncoding.PCM16LE)).isEqualTo(Pcm16.fromLittleEndian(codes));
    }

    @Test
    void silenceAndEmptyAudioMeasureMinus100Dbfs() {
        assertThat(Pcm16.levelDbfs(new short[160])).isEqualTo(-100);
        assertThat(Pcm16.levelDbfs(new short[0])).isEqualTo(-100);
    }

    @Test
    void fullScaleSineMeasuresMinus3Dbfs() {
        short[] sine = Tones.sine(1000, Short.MAX_VALUE, 8000, 8000);
        assertThat(Pcm16.levelDbfs(sine)).isCloseTo(-3.01, within(0.01));
    }

    @Test
    void halvingTheAmplitudeLowersTheLevelBySixDecibels() {
        double full = Pcm16.levelDbfs(Tones.sine(440, 20000, 16000, 16000));
        double half = Pcm16.levelDbfs(Tones.sine(440, 10000, 16000, 16000));
        assertThat(full - half).isCloseTo(6.02, within(0.01));
    }
}
