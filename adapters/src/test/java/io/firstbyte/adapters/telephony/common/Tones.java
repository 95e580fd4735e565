package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.InboundEvent;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Test tones and a frequency estimate, to show that resampling keeps a tone's pitch. */
public final class Tones {

    private Tones() {
    }

    /** {@code millis} of a sine at {@code hz}, sampled at {@code rate}, amplitude about -10 dBFS. */
    public static short[] sine(int hz, int rate, int millis) {
        short[] samples = new short[rate * millis / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return samples;
    }

    public static byte[] sineL16(int hz, int rate, int millis) {
        return Pcm16.toLittleEndian(sine(hz, rate, millis));
    }

    public static byte[] sineMulaw(int hz, int millis) {
        return G711.encodeMulaw(sine(hz, 8000, millis));
    }

    /** The frequency of a steady tone, from its rising zero crossings (skipping the filter's start-up). */
    public static double frequency(short[] samples, int rate) {
        int skip = rate / 50;
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = skip + 1; i < samples.length; i++) {
            if (samples[i - 1] < 0 && samples[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings == 0 ? 0 : crossings * (double) rate / (last - first);
    }

    /** Root-mean-square level of the samples. */
    public static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    /** The mu-law audio of every {@link AudioIn}, decoded to samples, in order. */
    public static short[] decodedAudio(List<InboundEvent> events) {
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        events.stream().filter(AudioIn.class::isInstance).map(AudioIn.class::cast).forEach(in -> audio.writeBytes(in.audio()));
        return G711.decodeMulaw(audio.toByteArray());
    }

    /** 20 ms slices of {@code audio}, each {@code bytes} long. */
    public static List<byte[]> slices(byte[] audio, int bytes) {
        return IntStream.range(0, audio.length / bytes)
                .mapToObj(i -> Arrays.copyOfRange(audio, i * bytes, (i + 1) * bytes)).toList();
    }
}
