package io.firstbyte.adapters.tts.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClauseCharsTest {

    private final ClauseChars chars = new ClauseChars();

    @Test
    void aChunkBelongsToTheClauseItsFirstCharacterIsIn() {
        chars.sent(0, 6);
        chars.sent(1, 15);

        assertThat(chars.current()).isZero();
        assertThat(chars.spoke(4)).isEmpty();
        assertThat(chars.current()).isZero();
        assertThat(chars.spoke(2)).containsExactly(0);
        assertThat(chars.current()).isEqualTo(1);
    }

    @Test
    void aChunkThatSpansSeveralClausesCompletesThemAll() {
        chars.sent(0, 3);
        chars.sent(1, 3);
        chars.sent(2, 3);

        assertThat(chars.spoke(7)).containsExactly(0, 1);
        assertThat(chars.current()).isEqualTo(2);
    }

    @Test
    void nothingOpenMeansNoCurrentClause() {
        assertThat(chars.current()).isEqualTo(-1);
    }
}
