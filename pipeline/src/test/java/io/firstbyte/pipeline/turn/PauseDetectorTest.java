package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import io.firstbyte.pipeline.audio.G711;
import io.firstbyte.pipeline.audio.VadSettings;
import io.firstbyte.pipeline.audio.vad.EnergyVad;
import io.firstbyte.pipeline.event.AudioIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PauseDetectorTest {

    private final EnergyVad vad = new EnergyVad(VadSettings.DEFAULTS);
    private PauseDetector pauses = new PauseDetector(List.of(Duration.ofMillis(60)), Duration.ofMillis(60));
    private final List<String> seen = new ArrayList<>();
    private long clock;

    private void frames(int count, boolean voiced) {
        for (int i = 0; i < count; i++) {
            AudioIn frame = new AudioIn(voiced ? tone() : silence(), AudioFormat.MULAW_8K, clock);
            clock += 20;
            vad.accept(frame);
            pauses.accept(frame, vad).ifPresent(pause -> seen.add(clock + " " + pause));
        }
    }

    @Test
    void sixtyMillisecondsOfSilenceAfterSpeechIsAPauseLongBeforeTheVadsHangover() {
        frames(30, true);
        frames(2, false);
        assertThat(seen).isEmpty();
        frames(1, false);
        assertThat(seen).containsExactly("660 Paused[lastVoicedEndMillis=600, silentMillis=60]");
        frames(20, false);
        assertThat(seen).as("one pause per silence").hasSize(1);
    }

    @Test
    void speechAfterThePauseIsResumedButAClickIsNot() {
        frames(30, true);
        frames(5, false);
        frames(1, true);
        frames(3, false);
        assertThat(seen).hasSize(1);
        frames(3, true);
        assertThat(seen).last().isEqualTo("840 Resumed[atMillis=780]");
    }

    @Test
    void aPauseIsReportedAsItReachesEachLengthOnceAndAgainAfterTheCallerSpokeOn() {
        pauses = new PauseDetector(List.of(Duration.ofMillis(60), Duration.ofMillis(20)), Duration.ofMillis(60));
        frames(30, true);
        frames(1, false);
        assertThat(seen).containsExactly("620 Paused[lastVoicedEndMillis=600, silentMillis=20]");
        frames(1, false);
        assertThat(seen).hasSize(1);
        frames(1, false);
        assertThat(seen).last().isEqualTo("660 Paused[lastVoicedEndMillis=600, silentMillis=60]");
        frames(20, false);
        assertThat(seen).as("each length once per silence").hasSize(2);
        frames(3, true);
        frames(1, false);
        assertThat(seen).last().isEqualTo("1140 Paused[lastVoicedEndMillis=1120, silentMillis=20]");
    }

    @Test
    void aClickWithinAPauseDoesNotReportTheLengthsAlreadyReportedAgain() {
        pauses = new PauseDetector(List.of(Duration.ofMillis(20), Duration.ofMillis(60)), Duration.ofMillis(60));
        frames(30, true);
        frames(1, false);
        frames(1, true);
        frames(1, false);
        assertThat(seen).as("the click moved the silence's start; 20 ms was already reported")
                .containsExactly("620 Paused[lastVoicedEndMillis=600, silentMillis=20]");
        frames(2, false);
        assertThat(seen).last().isEqualTo("700 Paused[lastVoicedEndMillis=640, silentMillis=60]");
    }

    @Test
    void silenceWithoutSpeechIsNoPause() {
        frames(1, true);
        frames(50, false);
        assertThat(seen).isEmpty();
    }

    private static byte[] silence() {
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) 0xFF);
        return frame;
    }

    private static byte[] tone() {
        byte[] frame = new byte[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = G711.linearToMulaw((int) (8000 * Math.sin(2 * Math.PI * 400 * i / 8000.0)));
        }
        return frame;
    }
}
