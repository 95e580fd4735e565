package io.firstbyte.pipeline.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.audio.AudioFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallStartedTest {

    @Test
    void itsTextNamesTheParametersButNeverShowsNumbersOrTheCallToken() {
        CallStarted started = new CallStarted("MZ1", "CA1",
                Map.of("from", "+15551234567", "to", "+15550100100", "token", "single-use-secret"), AudioFormat.MULAW_8K);
        assertThat(started.toString()).contains("MZ1", "CA1", "from", "to", "token")
                .doesNotContain("+1555", "single-use-secret");
    }
}
