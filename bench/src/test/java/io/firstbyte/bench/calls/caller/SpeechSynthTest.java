package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.audio.Resampler;
import io.firstbyte.pipeline.audio.vad.EnergyVad;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import io.firstbyte.pipeline.event.SpeechStopped;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechSynthTest {

    private static final String LINE = "Hi, I'd like to book a haircut tomorrow please.";

    @Test
    void speechIsAboutMinus20DbfsAfterMulawCoding() {
        short[] decoded = G711.decodeMulaw(mulaw(Utterance.of(LINE)));

        assertThat(Pcm16.levelDbfs(decoded)).isCloseTo(-20, within(1.5));
    }

    @Test
    void everyFrameIsLoudEnoughForAnEnergyVadSoALineIsOneUtterance() {
        Utterance utterance = Utterance.of(LINE);
        List<SpeechEvent> events = new ArrayList<>();
        EnergyVad vad = new EnergyVad(VadSettings.DEFAULTS);
        List<byte[]> frames = new ArrayList<>(utterance.frames());
        for (int i = 0; i < 20; i++) {
            frames.add(Utterance.silence());
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            vad.accept(new AudioIn(frame, AudioFormat.MULAW_8K, i * 20L)).ifPresent(events::add);
        }

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(SpeechStarted.class);
        assertThat(events.get(1)).isInstanceOf(SpeechStopped.class);
        assertThat(((SpeechStopped) events.get(1)).atMillis()).isEqualTo(utterance.frameCount() * 20L);
    }

    /** Every booking line ends on its last frame for an energy VAD, at 8 kHz and through 16 kHz and back. */
    @Test
    void aLineEndsOnItsLastFrameEvenThroughAGatewaysResampling() {
        for (String line : CallerScript.BOOKING) {
            Utterance utterance = Utterance.of(line);
            Resampler up = Resampler.of(8000, 16000);
            Resampler down = Resampler.of(16000, 8000);
            List<byte[]> frames = new ArrayList<>(utterance.frames());
            frames.add(Utterance.silence());
            List<short[]> direct = frames.stream().map(G711::decodeMulaw).toList();
            List<short[]> resampled = direct.stream().map(samples -> down.process(up.process(samples))).toList();

            double threshold = VadSettings.DEFAULTS.thresholdDbfs();
            for (List<short[]> heard : List.of(direct, resampled)) {
                assertThat(Pcm16.levelDbfs(heard.get(heard.size() - 2))).as("last frame of %s", line).isGreaterThan(threshold);
                assertThat(Pcm16.levelDbfs(heard.getLast())).as("the frame after %s", line).isLessThan(threshold);
            }
        }
    }

    @Test
    void aLineLastsAboutAThirdOfASecondPerWordAndAtLeast800Ms() {
        assertThat(SpeechSynth.durationOf(LINE)).as("9 words, in whole frames").isEqualTo(Duration.ofMillis(3160));
        assertThat(SpeechSynth.durationOf("Yes.")).isEqualTo(Duration.ofMillis(800));
        assertThat(Utterance.of(LINE).frameCount()).isEqualTo(9 * 350 / 20 + 1);
    }

    @Test
    void theSameLineAlwaysSoundsTheSame() {
        assertThat(mulaw(Utterance.of(LINE))).isEqualTo(mulaw(Utterance.of(LINE)));
    }

    @Test
    void silenceFramesAre160BytesOfFF() {
        assertThat(Utterance.silence()).hasSize(160).containsOnly((byte) 0xFF);
        assertThat(Utterance.isSilence(Utterance.silence())).isTrue();
    }

    private static byte[] mulaw(Utterance utterance) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        utterance.frames().forEach(bytes::writeBytes);
        return bytes.toByteArray();
    }
}
