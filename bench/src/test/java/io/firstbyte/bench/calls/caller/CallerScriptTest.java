package io.firstbyte.bench.calls.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerScriptTest {

    @TempDir
    Path dir;

    @Test
    void aTurnsFileHasOneLinePerTurnSkippingBlanksAndComments() throws Exception {
        Path file = Files.writeString(dir.resolve("turns.txt"), "# booking\nHello.\n\n  Ten thirty?  \n");

        CallerScript script = CallerScript.fromFile(file, 1);

        assertThat(script.lines()).containsExactly("Hello.", "Ten thirty?");
        assertThat(script.joinedLines()).isEqualTo("Hello.|Ten thirty?");
    }

    @Test
    void theBargeInTurnMustBeFollowedByAnotherLine() {
        assertThatThrownBy(() -> new CallerScript(List.of("One.", "Two."), 2)).hasMessageContaining("barge-in");
        assertThat(new CallerScript(List.of("One.", "Two."), 0).bargeInTurn()).isZero();
    }

    @Test
    void linesMustFitTwiliosParameterLimitAndNotContainTheSeparator() {
        assertThatThrownBy(() -> new CallerScript(List.of("x".repeat(300), "y".repeat(300)), 0)).hasMessageContaining("500");
        assertThatThrownBy(() -> new CallerScript(List.of("a |"), 0)).hasMessageContaining("'|'");
        assertThatThrownBy(() -> new CallerScript(List.of("a || b"), 0)).hasMessageContaining("'|'");
    }

    @Test
    void aBarInALineIsAPauseAndTheServerHearsEachPartAsAnUtterance() {
        CallerScript script = new CallerScript(List.of("I'd like a haircut and | uh, a beard trim on Friday.", "Thanks."), 0);

        assertThat(CallerScript.segments(script.lines().getFirst()))
                .containsExactly("I'd like a haircut and", "uh, a beard trim on Friday.");
        assertThat(script.joinedLines()).isEqualTo("I'd like a haircut and|uh, a beard trim on Friday.|Thanks.");
        assertThat(script.pausesIn(1)).isTrue();
        assertThat(script.pausesIn(2)).isFalse();
        assertThat(new Backchannels(List.of("Okay."), java.time.Duration.ofMillis(800), java.time.Duration.ofMillis(360))
                .serverLines(script)).isEqualTo("I'd like a haircut and|uh, a beard trim on Friday.|Okay.|Thanks.");
    }
}
