package io.firstbyte.bench.calls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMessagesTest {

    @Test
    void mediaIsReadAsItsDecodedLength() {
        String payload = "/".repeat(216);

        assertThat(ServerMessages.parse("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + payload + "\"}}"))
                .isEqualTo(new ServerMessage.Media("MZ1", 162, 0));
    }

    @Test
    void markAndClearAreRead() {
        assertThat(ServerMessages.parse("{\"event\":\"mark\",\"streamSid\":\"MZ1\",\"mark\":{\"name\":\"t1-c2\"}}"))
                .isEqualTo(new ServerMessage.Mark("MZ1", "t1-c2"));
        assertThat(ServerMessages.parse("{\"streamSid\":\"MZ1\",\"event\":\"clear\",\"extra\":1}"))
                .isEqualTo(new ServerMessage.Clear("MZ1"));
    }

    @Test
    void badInputIsInvalidWithAReason() {
        assertThat(ServerMessages.parse("{not json")).isEqualTo(new ServerMessage.Invalid("malformed JSON"));
        assertThat(ServerMessages.parse("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"***\"}}"))
                .isEqualTo(new ServerMessage.Invalid("media payload is not base64"));
        assertThat(ServerMessages.parse("{\"event\":\"hangup\"}"))
                .isEqualTo(new ServerMessage.Invalid("unexpected event hangup"));
    }
}
