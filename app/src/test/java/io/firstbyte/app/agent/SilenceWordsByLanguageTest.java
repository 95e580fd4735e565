package io.firstbyte.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.control.SilenceWords;
import org.junit.jupiter.api.Test;

/** A silent caller is prompted and told goodbye in the business's language. */
class SilenceWordsByLanguageTest {

    private static final SilenceWords CONFIGURED = new SilenceWords("Hello, are you there?", "Nobody there, goodbye.");
    private final SilenceWordsByLanguage words = new SilenceWordsByLanguage(CONFIGURED);

    @Test
    void germanFrenchAndSpanishBusinessesPromptInTheirLanguage() {
        assertThat(words.forLanguage("de")).get().extracting(SilenceWords::prompt).isEqualTo("Sind Sie noch da?");
        assertThat(words.forLanguage("fr")).get().extracting(SilenceWords::prompt).isEqualTo("Êtes-vous toujours là ?");
        assertThat(words.forLanguage("es")).get().extracting(SilenceWords::goodbye).asString().endsWith("Adiós.");
    }

    @Test
    void onlyThePrimaryLanguageOfTheTagCounts() {
        assertThat(words.forLanguage("de-AT")).isEqualTo(words.forLanguage("de"));
        assertThat(words.forLanguage("FR_ca")).isEqualTo(words.forLanguage("fr"));
    }

    @Test
    void anEnglishBusinessHearsTheConfiguredWords() {
        assertThat(words.forLanguage("en-GB")).contains(CONFIGURED);
    }

    @Test
    void aLanguageWithoutItsOwnWordsOrNoneKeepsTheConfiguredOnes() {
        assertThat(words.forLanguage("ja")).isEmpty();
        assertThat(words.forLanguage(null)).isEmpty();
        assertThat(words.forLanguage(" ")).isEmpty();
    }
}
