package io.firstbyte.adapters.telephony.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.pipeline.audio.AudioEncoding;
import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.InboundEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's audio at the edge: pipeline frames in, the gateway's encoding, rate and chunk size out. */
class OutboundAudioTest {

    @Test
    void mulaw8kBecomesL16At16kIn640ByteFramesKeepingTheTonesPitch() {
        OutboundAudio audio = OutboundAudio.of(AudioFormat.PCM16_16K);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (byte[] frame : Tones.slices(Tones.sineMulaw(1000, 1000), 160)) {
            audio.accept(new AudioOut(frame, AudioFormat.MULAW_8K)).forEach(chunk -> {
                assertThat(chunk).hasSize(640);
                sent.writeBytes(chunk);
            });
        }

        short[] samples = Pcm16.fromLittleEndian(sent.toByteArray());
        assertThat(samples).hasSize(16000);
        assertThat(Tones.frequency(samples, 16000)).isCloseTo(1000, within(10.0));
    }

    @Test
    void aRoundTripThroughBothEdgesKeepsTheTone() {
        OutboundAudio down = OutboundAudio.of(AudioFormat.PCM16_16K);
        InboundAudio up = InboundAudio.of(AudioFormat.PCM16_16K).orElseThrow();
        List<InboundEvent> events = new ArrayList<>();
        for (byte[] frame : Tones.slices(Tones.sineMulaw(700, 1000), 160)) {
            down.accept(new AudioOut(frame, AudioFormat.MULAW_8K)).forEach(chunk -> events.addAll(up.accept(chunk)));
        }

        assertThat(Tones.frequency(Tones.decodedAudio(events), 8000)).isCloseTo(700, within(10.0));
    }

    @Test
    void oddChunkSizesHoldTheRestUntilFlushPadsItWithSilence() {
        OutboundAudio audio = OutboundAudio.of(AudioFormat.MULAW_8K, ByteOrder.LITTLE_ENDIAN, 240);

        assertThat(audio.accept(new AudioOut(new byte[160], AudioFormat.MULAW_8K))).isEmpty();
        assertThat(audio.accept(new AudioOut(new byte[160], AudioFormat.MULAW_8K))).singleElement()
                .satisfies(chunk -> assertThat(chunk).hasSize(240));
        assertThat(audio.flush()).hasValueSatisfying(chunk -> {
            assertThat(chunk).hasSize(240);
            assertThat(chunk[239]).isEqualTo((byte) 0xFF);
        });
    }

    @Test
    void resetForgetsTheHeldBackBytes() {
        OutboundAudio audio = OutboundAudio.of(AudioFormat.MULAW_8K, ByteOrder.LITTLE_ENDIAN, 240);
        audio.accept(new AudioOut(new byte[160], AudioFormat.MULAW_8K));

        audio.reset();

        assertThat(audio.flush()).isEmpty();
    }

    @Test
    void bigEndianL16SwapsEachSample() {
        OutboundAudio audio = OutboundAudio.of(AudioFormat.PCM16_8K, ByteOrder.BIG_ENDIAN, 320);
        short[] tone = Tones.sine(440, 8000, 20);

        byte[] sent = audio.accept(new AudioOut(Pcm16.toLittleEndian(tone), AudioFormat.PCM16_8K)).getFirst();

        assertThat((short) ((sent[2] << 8) | (sent[3] & 0xFF))).isEqualTo(tone[1]);
    }

    @Test
    void aRateTheResamplerCannotReachIsUnsupported() {
        OutboundAudio audio = OutboundAudio.of(AudioFormat.PCM16_16K);

        assertThatThrownBy(() -> audio.accept(new AudioOut(new byte[882], new AudioFormat(AudioEncoding.PCM16LE, 44100))))
                .isInstanceOfSatisfying(DroppedMessage.class,
                        drop -> assertThat(drop.kind()).isEqualTo(DropKind.UNSUPPORTED_AUDIO_FORMAT));
    }
}
