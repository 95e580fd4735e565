package io.firstbyte.pipeline.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A text message is the same message whether it was made from the socket's bytes or from characters. */
class WireMessageTextTest {

    @Test
    void madeFromBytesOrFromCharactersItIsTheSameMessage() {
        String text = "{\"event\":\"mark\",\"name\":\"café ☎\"}";
        WireMessage.Text fromBytes = WireMessage.Text.ofUtf8(text.getBytes(StandardCharsets.UTF_8));
        WireMessage.Text fromText = new WireMessage.Text(text);

        assertThat(fromBytes.text()).isEqualTo(text);
        assertThat(fromText.utf8()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBytes).isEqualTo(fromText).hasSameHashCodeAs(fromText);
    }

    @Test
    void malformedUtf8ReadsAsReplacementCharactersAsASocketsTextDoes() {
        byte[] malformed = {'"', (byte) 0xC3, '"', (byte) 0xFF};

        assertThat(WireMessage.Text.ofUtf8(malformed).text()).isEqualTo("\"\uFFFD\"\uFFFD");
    }
}
