package io.firstbyte.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.control.CallLimit;
import io.firstbyte.pipeline.control.LimitWords;
import org.junit.jupiter.api.Test;

/** A caller whose call reaches a limit is told goodbye in the business's language. */
class LimitWordsByLanguageTest {

    @Test
    void germanAndFrenchBusinessesSayTheMaximumLengthGoodbyeInTheirLanguage() {
        assertThat(LimitWordsByLanguage.forLanguage("de")).get().extracting(words -> words.goodbye(CallLimit.MAX_DURATION))
                .asString().startsWith("Wir haben die maximale Gesprächsdauer erreicht");
        assertThat(LimitWordsByLanguage.forLanguage("fr")).get().extracting(LimitWords::drain).asString().endsWith("Au revoir.");
    }

    @Test
    void onlyThePrimaryLanguageOfTheTagCounts() {
        assertThat(LimitWordsByLanguage.forLanguage("de-AT")).isEqualTo(LimitWordsByLanguage.forLanguage("de"));
        assertThat(LimitWordsByLanguage.forLanguage("NL_be")).isEqualTo(LimitWordsByLanguage.forLanguage("nl"));
    }

    @Test
    void englishAnotherLanguageOrNoneHearTheEnglishWords() {
        assertThat(LimitWordsByLanguage.forLanguage("en-US")).isEmpty();
        assertThat(LimitWordsByLanguage.forLanguage("ja")).isEmpty();
        assertThat(LimitWordsByLanguage.forLanguage(null)).isEmpty();
    }

    @Test
    void aLimitThatHangsUpAtOnceHasNoGoodbyeInAnyLanguage() {
        assertThat(LimitWordsByLanguage.forLanguage("es")).get().extracting(words -> words.goodbye(CallLimit.INBOUND_SILENCE)).isNull();
    }
}
