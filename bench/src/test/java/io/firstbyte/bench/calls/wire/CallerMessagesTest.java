package io.firstbyte.bench.calls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The caller's messages, field for field as protocols.md section 1.4 shows them. */
class CallerMessagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StreamIds IDS = new StreamIds("MZ" + "1".repeat(32), "CA" + "2".repeat(32), "AC" + "3".repeat(32));

    private final CallerMessages messages = new CallerMessages(IDS);

    @Test
    void connectedComesFirstAndHasNoStreamSid() {
        assertSameJson(messages.connected(), """
                {"event":"connected","protocol":"Call","version":"1.0.0"}""");
    }

    @Test
    void startCarriesTheCallTheInboundTrackMulawAndTheCustomParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("From", "+15550100199");
        parameters.put("To", "+15550100100");
        parameters.put("lines", "Hi.|Bye.");
        parameters.put("profile", "typical-cloud");

        assertSameJson(messages.start(1, parameters), """
                {"event":"start","sequenceNumber":"1","streamSid":"MZ11111111111111111111111111111111",
                 "start":{"streamSid":"MZ11111111111111111111111111111111",
                          "accountSid":"AC33333333333333333333333333333333",
                          "callSid":"CA22222222222222222222222222222222","tracks":["inbound"],
                          "customParameters":{"From":"+15550100199","To":"+15550100100","lines":"Hi.|Bye.",
                                              "profile":"typical-cloud"},
                          "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""");
    }

    @Test
    void mediaHasSequenceChunkAndTimestampAsStrings() {
        assertSameJson(messages.media(3, 2, 20, "/////w=="), """
                {"event":"media","sequenceNumber":"3","streamSid":"MZ11111111111111111111111111111111",
                 "media":{"track":"inbound","chunk":"2","timestamp":"20","payload":"/////w=="}}""");
    }

    @Test
    void aStreamSidThatNeedsEscapingIsEscapedInMedia() {
        CallerMessages odd = new CallerMessages(new StreamIds("MZ\"quoted\\", "CA1", "AC1"));

        assertThat(JSON.readTree(odd.media(1, 1, 0, "AA==")).path("streamSid").asString()).isEqualTo("MZ\"quoted\\");
    }

    @Test
    void markEchoCarriesTheServersMarkName() {
        assertSameJson(messages.mark(4, "turn3-seg7"), """
                {"event":"mark","sequenceNumber":"4","streamSid":"MZ11111111111111111111111111111111",
                 "mark":{"name":"turn3-seg7"}}""");
    }

    @Test
    void stopNamesTheAccountAndCall() {
        assertSameJson(messages.stop(9), """
                {"event":"stop","sequenceNumber":"9","streamSid":"MZ11111111111111111111111111111111",
                 "stop":{"accountSid":"AC33333333333333333333333333333333",
                         "callSid":"CA22222222222222222222222222222222"}}""");
    }

    @Test
    void randomIdsHaveTwilioPrefixesAnd32HexDigits() {
        StreamIds ids = StreamIds.random(new SplittableRandom(7));

        assertThat(ids.streamSid()).matches("MZ[0-9a-f]{32}");
        assertThat(ids.callSid()).matches("CA[0-9a-f]{32}");
        assertThat(ids.accountSid()).matches("AC[0-9a-f]{32}");
    }

    private static void assertSameJson(String actual, String expected) {
        JsonNode actualTree = JSON.readTree(actual);
        assertThat(actualTree).isEqualTo(JSON.readTree(expected));
    }
}
