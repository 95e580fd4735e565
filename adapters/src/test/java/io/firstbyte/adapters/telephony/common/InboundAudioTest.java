package io.firstbyte.adapters.telephony.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.InboundEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caller's audio at the edge: any supported wire format in, 20 ms mu-law 8 kHz frames out. */
class InboundAudioTest {

    @Test
    void mulaw8kPassesThroughByteForByte() {
        InboundAudio audio = InboundAudio.of(AudioFormat.MULAW_8K).orElseThrow();
        byte[] frame = Tones.sineMulaw(440, 20);

        assertThat(((AudioIn) audio.accept(frame).getFirst()).audio()).isEqualTo(frame);
    }

    @Test
    void chunksOfAnyLengthAreReframedAndStampedByPosition() {
        InboundAudio audio = InboundAudio.of(AudioFormat.PCM16_8K).orElseThrow();

        List<InboundEvent> events = new ArrayList<>(audio.accept(new byte[200]));
        events.addAll(audio.accept(new byte[600]));

        assertThat(events).extracting(e -> ((AudioIn) e).timestampMillis()).containsExactly(0L, 20L);
        assertThat(events).allSatisfy(e -> assertThat(((AudioIn) e).audio()).hasSize(160));
        assertThat(audio.positionMillis()).isEqualTo(40);
    }

    @Test
    void l16At16kKeepsTheTonesPitchAndLevel() {
        InboundAudio audio = InboundAudio.of(AudioFormat.PCM16_16K).orElseThrow();
        List<InboundEvent> events = new ArrayList<>();
        for (byte[] frame : Tones.slices(Tones.sineL16(1000, 16000, 1000), 640)) {
            events.addAll(audio.accept(frame));
        }

        short[] heard = Tones.decodedAudio(events);
        assertThat(heard).hasSize(8000);
        assertThat(Tones.frequency(heard, 8000)).isCloseTo(1000, within(10.0));
        assertThat(Tones.rms(heard)).isCloseTo(Tones.rms(Tones.sine(1000, 8000, 1000)), within(300.0));
    }

    @Test
    void halfASampleIsAPartialFrame() {
        InboundAudio audio = InboundAudio.of(AudioFormat.PCM16_8K).orElseThrow();

        assertThatThrownBy(() -> audio.accept(new byte[321])).isInstanceOfSatisfying(DroppedMessage.class,
                drop -> assertThat(drop.kind()).isEqualTo(DropKind.PARTIAL_FRAME));
    }

    @Test
    void ratesTheResamplerCannotReachAreUnsupported() {
        assertThat(InboundAudio.of(new AudioFormat(AudioEncoding.PCM16LE, 44100))).isEmpty();
        assertThat(InboundAudio.of(new AudioFormat(AudioEncoding.PCM16LE, 64000))).isEmpty();
        assertThat(InboundAudio.of(new AudioFormat(AudioEncoding.PCM16LE, 48000))).isPresent();
    }
}
