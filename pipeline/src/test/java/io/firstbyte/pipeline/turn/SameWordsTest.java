package io.firstbyte.pipeline.turn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SameWordsTest {

    @Test
    void caseAndPunctuationAndFillerWordsDoNotMakeADifference() {
        assertThat(SameWords.same("um book a haircut for tomorrow", "Book a haircut, uh, for tomorrow.")).isTrue();
        assertThat(SameWords.same("I'd like ten thirty", "Id like ten-thirty?")).isTrue();
    }

    @Test
    void anyOtherWordDoes() {
        assertThat(SameWords.same("book a haircut", "book a haircut tomorrow")).isFalse();
        assertThat(SameWords.same("book a haircut", "book a colour")).isFalse();
    }
}
