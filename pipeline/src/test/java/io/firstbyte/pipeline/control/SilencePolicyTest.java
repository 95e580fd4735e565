package io.firstbyte.pipeline.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A call's own silence words replace the policy's, and only its words. */
class SilencePolicyTest {

    private static final SilencePolicy POLICY = new SilencePolicy(Duration.ofSeconds(8), 2, "Are you still there?", "Goodbye.");
    private static final SilenceWords GERMAN = new SilenceWords("Sind Sie noch da?", "Auf Wiederhören.");

    private static CallContext call(Map<String, Object> attributes) {
        return new CallContext("c1", "s1", "+15550001111", "+15550002222", Map.of(), attributes);
    }

    @Test
    void aCallWithItsOwnWordsPromptsAndSaysGoodbyeInThemWithThePolicysTiming() {
        assertThat(POLICY.forCall(call(Map.of(SilenceWords.ATTRIBUTE, GERMAN))))
                .isEqualTo(new SilencePolicy(Duration.ofSeconds(8), 2, "Sind Sie noch da?", "Auf Wiederhören."));
    }

    @Test
    void aCallWithoutWordsKeepsThePolicys() {
        assertThat(POLICY.forCall(call(Map.of()))).isEqualTo(POLICY);
    }

    @Test
    void promptingSwitchedOffStaysOffWhateverTheWords() {
        assertThat(SilencePolicy.OFF.forCall(call(Map.of(SilenceWords.ATTRIBUTE, GERMAN))).enabled()).isFalse();
    }
}
