package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioWire.frames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Random and mangled input: decoding never throws, and every drop has a documented kind. */
class TwilioDecodeNeverThrowsTest {

    private static final int ROUNDS = 1000;
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"event\"", "\"media\"",
            "\"start\"", "\"stop\"", "\"mark\"", "\"dtmf\"", "\"connected\"", "\"payload\"", "\"track\"", "\"inbound\"",
            "\"timestamp\"", "\"20\"", "\"streamSid\"", "\"callSid\"", "\"customParameters\"", "\"name\"", "\"digit\"",
            "null", "true", "-1", "1e999", "99999999999999999999", "\"/////w==\"", "\"=\"", "\\u0000", " ");
    private static final Set<String> KINDS = Arrays.stream(TwilioDropKind.values())
            .map(TwilioDropKind::kind).collect(Collectors.toSet());

    private final Random random = new Random(20_250_101L);
    private final RecordingDrops drops = new RecordingDrops();

    @Test
    void randomBytesNeverThrow() {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = randomBytes();
            assertDecodes(new WireMessage.Binary(bytes));
            assertDecodes(new WireMessage.Text(new String(bytes, StandardCharsets.UTF_8)));
            assertDecodes(new WireMessage.Text(new String(bytes, StandardCharsets.UTF_16LE)));
        }
        assertThat(drops.kinds()).isNotEmpty().allMatch(KINDS::contains);
    }

    @Test
    void randomJsonLikeTextNeverThrows() {
        for (int round = 0; round < ROUNDS; round++) {
            StringBuilder text = new StringBuilder();
            int tokens = random.nextInt(40);
            for (int i = 0; i < tokens; i++) {
                text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            }
            assertDecodes(new WireMessage.Text(text.toString()));
        }
        assertThat(drops.kinds()).allMatch(KINDS::contains);
    }

    @Test
    void mangledValidMessagesNeverThrow() {
        List<String> valid = List.of(TwilioWire.connected(), TwilioWire.start(), TwilioWire.media(20, frames(1, 0xFF)),
                        TwilioWire.dtmf("5"), TwilioWire.mark("m1"), TwilioWire.stop()).stream()
                .map(message -> ((WireMessage.Text) message).text()).toList();
        for (int round = 0; round < ROUNDS; round++) {
            assertDecodes(new WireMessage.Text(mangle(valid.get(random.nextInt(valid.size())))));
        }
        assertThat(drops.kinds()).isNotEmpty().allMatch(KINDS::contains);
    }

    /** Each message goes both to a fresh codec and to one whose stream has started. */
    private void assertDecodes(WireMessage message) {
        TwilioMediaCodec fresh = new TwilioMediaCodec(drops);
        TwilioMediaCodec started = new TwilioMediaCodec((kind, detail) -> { });
        started.decode(TwilioWire.start());
        assertThatCode(() -> {
            assertThat(fresh.decode(message)).hasSizeLessThanOrEqualTo(1);
            assertThat(started.decode(message)).hasSizeLessThanOrEqualTo(1);
        }).as("decoding %s", message).doesNotThrowAnyException();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String mangle(String text) {
        StringBuilder mangled = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !mangled.isEmpty(); i++) {
            int at = random.nextInt(mangled.length());
            switch (random.nextInt(3)) {
                case 0 -> mangled.deleteCharAt(at);
                case 1 -> mangled.setCharAt(at, (char) random.nextInt(0x250));
                default -> mangled.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
            }
        }
        return mangled.toString();
    }
}
