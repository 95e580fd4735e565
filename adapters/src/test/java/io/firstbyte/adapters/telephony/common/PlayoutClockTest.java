package io.firstbyte.adapters.telephony.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.event.MarkPlayed;
import org.junit.jupiter.api.Test;

/** Playback acknowledgements estimated on the caller-audio clock, for dialects without echoes. */
class PlayoutClockTest {

    private final PlayoutClock clock = new PlayoutClock();

    @Test
    void aMarkPlaysWhenTheAudioSentBeforeItHasRunOut() {
        clock.advanceTo(1000);
        clock.audioSent(20);
        clock.audioSent(20);
        clock.markSent("a1-c0");

        assertThat(clock.advanceTo(1020)).isEmpty();
        assertThat(clock.advanceTo(1040)).containsExactly(new MarkPlayed("a1-c0"));
        assertThat(clock.advanceTo(2000)).as("each mark plays once").isEmpty();
    }

    @Test
    void aMarkWithNoAudioBeforeItPlaysAtOnce() {
        clock.advanceTo(500);
        clock.markSent("m");

        assertThat(clock.advanceTo(500)).containsExactly(new MarkPlayed("m"));
    }

    @Test
    void audioSentWhileTheCallerIsAheadStartsPlayingNow() {
        clock.audioSent(20);
        clock.advanceTo(1000);
        clock.audioSent(20);
        clock.markSent("m");

        assertThat(clock.advanceTo(1019)).isEmpty();
        assertThat(clock.advanceTo(1020)).containsExactly(new MarkPlayed("m"));
    }

    @Test
    void marksAfterAClearNeverPlay() {
        clock.audioSent(200);
        clock.markSent("m");

        clock.cleared();

        assertThat(clock.advanceTo(10_000)).isEmpty();
    }

    @Test
    void pendingMarksAreBounded() {
        clock.audioSent(1_000_000);
        for (int i = 0; i <= PlayoutClock.MAX_PENDING; i++) {
            clock.markSent("m" + i);
        }

        assertThat(clock.advanceTo(2_000_000)).hasSize(PlayoutClock.MAX_PENDING).first().isEqualTo(new MarkPlayed("m1"));
    }
}
