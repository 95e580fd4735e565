package io.firstbyte.adapters.telephony.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever the dial plan called them, the numbers reach the pipeline as From and To. */
class CallerNumbersTest {

    @Test
    void aliasesBecomeFromAndToAndTheOtherParametersStay() {
        assertThat(CallerNumbers.withFromAndTo(Map.of("caller", "+15550001111", "called", "+15550002222", "tenant", "t42")))
                .containsEntry("From", "+15550001111").containsEntry("To", "+15550002222").containsEntry("tenant", "t42");
    }

    @Test
    void aliasesAreMatchedWithoutRegardToCase() {
        assertThat(CallerNumbers.withFromAndTo(Map.of("Caller_ID_Number", "1001", "Destination_Number", "2002")))
                .containsEntry("From", "1001").containsEntry("To", "2002");
    }

    @Test
    void anExplicitFromAndToWin() {
        assertThat(CallerNumbers.withFromAndTo(Map.of("From", "+1", "from", "+2", "To", "+3", "to", "+4")))
                .containsEntry("From", "+1").containsEntry("To", "+3");
    }

    @Test
    void blankAliasesAreIgnored() {
        assertThat(CallerNumbers.withFromAndTo(Map.of("to", " ", "dnis", "+15550002222"))).containsEntry("To", "+15550002222");
    }
}
