package io.firstbyte.adapters.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.call.CallContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void linesParameterWinsAndIsSplitOnBars() {
        assertThat(Scenarios.linesFor(call(Map.of("lines", " Hello there | | Goodbye ", "scenario", "cancel"))))
                .containsExactly("Hello there", "Goodbye");
    }

    @Test
    void aScenarioIsChosenByNameAndAnUnknownOneFallsBackToBooking() {
        assertThat(Scenarios.linesFor(call(Map.of("scenario", "Availability")))).isEqualTo(Scenarios.ALL.get(Scenarios.AVAILABILITY));
        assertThat(Scenarios.linesFor(call(Map.of("scenario", "karaoke")))).isEqualTo(Scenarios.ALL.get(Scenarios.BOOKING));
        assertThat(Scenarios.linesFor(call(Map.of()))).first().isEqualTo("Hi, I'd like to book a haircut tomorrow please.");
    }

    private static CallContext call(Map<String, String> parameters) {
        return new CallContext("call-1", "stream-1", "+15550001111", "+15550002222", parameters, Map.of());
    }
}
