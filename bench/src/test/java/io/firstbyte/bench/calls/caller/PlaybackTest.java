package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlaybackTest {

    private static final long MS = 1_000_000;
    private static final int FRAME = 160;

    private final Playback playback = new Playback();

    @Test
    void markIsEchoedOnlyOnceTheAudioBeforeItHasPlayed() {
        playback.append(5 * FRAME, 0);
        playback.mark("clause-1", 0);

        assertThat(playback.reachedMarks(99 * MS)).isEmpty();
        assertThat(playback.reachedMarks(100 * MS)).containsExactly("clause-1");
        assertThat(playback.reachedMarks(200 * MS)).isEmpty();
    }

    @Test
    void marksComeBackInOrderEachBehindItsOwnAudio() {
        playback.append(FRAME, 0);
        playback.mark("a", 0);
        playback.append(FRAME, 0);
        playback.mark("b", 0);

        assertThat(playback.reachedMarks(20 * MS)).containsExactly("a");
        assertThat(playback.reachedMarks(40 * MS)).containsExactly("b");
    }

    @Test
    void markOnAnEmptyBufferIsDueAtOnce() {
        playback.mark("idle", 50 * MS);

        assertThat(playback.reachedMarks(50 * MS)).containsExactly("idle");
    }

    @Test
    void clearDropsTheBufferedAudioAndReturnsEveryPendingMark() {
        playback.append(50 * FRAME, 0);
        playback.mark("a", 0);
        playback.append(50 * FRAME, 0);
        playback.mark("b", 0);

        assertThat(playback.clear(100 * MS)).containsExactly("a", "b");
        assertThat(playback.playing(100 * MS)).isFalse();
        assertThat(playback.reachedMarks(5_000 * MS)).isEmpty();
    }

    @Test
    void audioOfTheSameAnswerAfterTheBufferRanDryIsAnUnderrun() {
        playback.append(5 * FRAME, 0);
        boolean underrun = playback.append(FRAME, 130 * MS);

        assertThat(underrun).isTrue();
        assertThat(playback.underruns()).isEqualTo(1);
        assertThat(playback.underrunDryNanos()).isEqualTo(30 * MS);
    }

    @Test
    void audioArrivingBeforeTheBufferEmptiesIsNoUnderrun() {
        playback.append(5 * FRAME, 0);
        playback.append(FRAME, 100 * MS);
        playback.append(FRAME, 119 * MS);

        assertThat(playback.underruns()).isZero();
        assertThat(playback.playoutEnd()).isEqualTo(140 * MS);
    }

    @Test
    void aNewAnswerAfterTheCallerSpokeIsNoUnderrun() {
        playback.append(5 * FRAME, 0);
        playback.newAnswer();
        playback.append(FRAME, 2_000 * MS);

        assertThat(playback.underruns()).isZero();
    }

    @Test
    void audioAfterAClearStartsANewAnswer() {
        playback.append(5 * FRAME, 0);
        playback.clear(50 * MS);
        playback.append(FRAME, 500 * MS);

        assertThat(playback.underruns()).isZero();
    }
}
