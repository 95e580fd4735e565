package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.Pcm16;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.vad.VoiceActivityDetector;
import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.event.SpeechEvent;
import io.firstbyte.pipeline.event.SpeechStarted;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundNoiseTest {

    @Test
    void noNoiseLeavesTheCallersFramesAsTheyAre() {
        byte[] frame = Utterance.silence();

        assertThat(BackgroundNoise.NONE.under(frame, 7)).isSameAs(frame);
    }

    @Test
    void pinkNoiseFillsTheSilenceBetweenLinesAtItsLevelWithoutTouchingTheSharedFrames() {
        BackgroundNoise noise = BackgroundNoise.pink(-30);
        byte[] silence = Utterance.silence();
        double sum = 0;
        int frames = 500;
        for (int i = 0; i < frames; i++) {
            short[] samples = G711.decodeMulaw(noise.under(silence, i));
            for (short sample : samples) {
                sum += (double) sample * sample;
            }
        }

        assertThat(20 * Math.log10(Math.sqrt(sum / (frames * 160.0)) / 32768)).isCloseTo(-30, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Utterance.isSilence(silence)).isTrue();
    }

    @Test
    void theServersDefaultDetectorHearsEachLineOnceOverNoiseAtMinus30Dbfs() {
        // what the simulator's noisy callers rely on: one start per line, none from the noise between them
        BackgroundNoise noise = BackgroundNoise.pink(-30);
        List<byte[]> line = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            line.add(Utterance.silence());
        }
        for (String text : CallerScript.BOOKING) {
            line.addAll(Utterance.of(text).frames());
            for (int i = 0; i < 150; i++) {
                line.add(Utterance.silence());
            }
        }
        VoiceActivityDetector vad = VoiceActivityDetector.create(VadSettings.DEFAULTS);
        List<SpeechEvent> events = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            vad.accept(new AudioIn(noise.under(line.get(i), i), AudioFormat.MULAW_8K, i * 20L)).ifPresent(events::add);
        }

        assertThat(events.stream().filter(SpeechStarted.class::isInstance)).hasSize(CallerScript.BOOKING.size());
        assertThat(Pcm16.levelDbfs(G711.decodeMulaw(noise.under(Utterance.silence(), 3)))).isGreaterThan(-40);
    }
}
