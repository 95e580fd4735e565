package io.firstbyte.adapters.telephony.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.TransportCodec;
import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Random and mangled input for any dialect codec: decoding never throws, and every drop has a
 * documented {@link DropKind}. Each message goes to a fresh codec and to one whose stream started.
 */
public final class CodecFuzz {

    private static final int ROUNDS = 600;
    private static final Set<String> KINDS = Arrays.stream(DropKind.values()).map(DropKind::kind).collect(Collectors.toSet());
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"event\"", "\"type\"",
            "\"media\"", "\"start\"", "\"stop\"", "\"mark\"", "\"dtmf\"", "\"payload\"", "\"name\"", "\"digit\"",
            "null", "true", "-1", "1e999", "99999999999999999999", "\"/////w==\"", "\"=\"", "\\u0000", " ");

    private final Random random = new Random(20_250_101L);
    private final RecordingDrops drops = new RecordingDrops();
    private final Function<DroppedInput, TransportCodec> codecs;
    private final Consumer<TransportCodec> startStream;

    public CodecFuzz(Function<DroppedInput, TransportCodec> codecs, Consumer<TransportCodec> startStream) {
        this.codecs = codecs;
        this.startStream = startStream;
    }

    public void randomBytesNeverThrow() {
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = new byte[random.nextInt(700)];
            random.nextBytes(bytes);
            assertDecodes(new WireMessage.Binary(bytes));
            assertDecodes(new WireMessage.Text(new String(bytes, StandardCharsets.UTF_8)));
        }
        assertThat(drops.kinds()).isNotEmpty().allMatch(KINDS::contains);
    }

    public void mangledMessagesNeverThrow(List<String> valid) {
        for (int round = 0; round < ROUNDS; round++) {
            assertDecodes(new WireMessage.Text(mangle(valid.get(random.nextInt(valid.size())))));
        }
        assertThat(drops.kinds()).isNotEmpty().allMatch(KINDS::contains);
    }

    private void assertDecodes(WireMessage message) {
        TransportCodec fresh = codecs.apply(drops);
        TransportCodec started = codecs.apply(drops);
        startStream.accept(started);
        assertThatCode(() -> {
            fresh.decode(message);
            started.decode(message);
        }).as("decoding %s", message).doesNotThrowAnyException();
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
