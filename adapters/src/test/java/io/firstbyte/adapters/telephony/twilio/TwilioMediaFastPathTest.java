package io.firstbyte.adapters.telephony.twilio;

import static io.firstbyte.adapters.telephony.twilio.TwilioWire.STREAM_SID;
import static io.firstbyte.adapters.telephony.twilio.TwilioWire.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.pipeline.event.AudioIn;
import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@code media} fast paths say exactly what the general reader and writer say: the reader
 * takes an ordinary frame and declines everything else, the writer writes the same text.
 */
class TwilioMediaFastPathTest {

    private static final String PAYLOAD = Base64.getEncoder().encodeToString(frames(1, 0x7F));
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"event\"", "\"media\"",
            "\"stop\"", "\"payload\"", "\"track\"", "\"inbound\"", "\"outbound\"", "\"timestamp\"", "\"20\"", "20",
            "\"streamSid\"", "\"MZ1\"", "null", "true", "-1", "1e999", "99999999999999999999", "\"/////w==\"", "\"=\"",
            "\\u0041", "\\\"", " ");

    private final MediaMessageReader reader = new MediaMessageReader();
    private final Random random = new Random(16);

    @Test
    void anOrdinaryFrameTakesTheFastPathWithTheAudioAndTimestampTheGeneralReaderGives() {
        String text = textOf(TwilioWire.media(40, frames(1, 0x7F)));

        AudioIn fast = read(text);

        assertThat(fast).isNotNull();
        assertSameAudio(fast, generalRead(text));
    }

    @Test
    void numbersAsNumbersFieldsInAnyOrderAndUnknownFieldsTakeTheFastPathToo() {
        String text = """
                {"media":{"payload":"%s","timestamp":80,"future":[1,{"x":2}],"chunk":2},"sequenceNumber":3,
                 "streamSid":"%s","event":"media"}""".formatted(PAYLOAD, STREAM_SID);

        assertSameAudio(read(text), generalRead(text));
    }

    @Test
    void everyMessageTheGeneralReaderWouldNotHearAsThisFrameIsDeclined() {
        List<String> declined = List.of(
                textOf(TwilioWire.mark("m1")),
                textOf(TwilioWire.mediaOnTrack("outbound", 20, frames(1, 0xFF))),
                textOf(TwilioWire.mediaWithPayload("not base64!")),
                textOf(TwilioWire.mediaWithPayload(Base64.getEncoder().encodeToString(new byte[100]))),
                textOf(TwilioWire.mediaWithPayload("")),
                media("\"streamSid\":\"MZother\"", "\"timestamp\":\"20\""),
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":\"soon\""),
                media("\"streamSid\":\"%s\",\"event\":\"media\"".formatted(STREAM_SID), "\"timestamp\":\"20\""),
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":\"20\",\"timestamp\":\"40\""),
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":99999999999999999999"),
                textOf(TwilioWire.media(20, frames(1, 0xFF))) + " {}",
                "[1]");

        assertThat(declined).allSatisfy(text -> assertThat(read(text)).as(text).isNull());
    }

    @Test
    void mangledFramesAreEitherDeclinedOrReadExactlyAsTheGeneralReaderReadsThem() {
        String valid = textOf(TwilioWire.media(20, frames(2, 0x55)));
        int taken = 0;
        for (int round = 0; round < 20_000; round++) {
            String text = mangle(valid);
            AudioIn fast = read(text);
            if (fast != null) {
                taken++;
                assertSameAudio(fast, generalRead(text));
            }
        }
        assertThat(taken).as("mangled frames the fast path still took").isPositive();
    }

    @Test
    void theWriterWritesWhatTheGeneralWriterWritesWhateverTheStreamIdAndLength() {
        MediaMessageWriter writer = new MediaMessageWriter();
        List<String> sids = List.of(STREAM_SID, "MZ\"quoted\\", "MZé", "MZ\u4e2d", STREAM_SID);
        for (String sid : sids) {
            for (int length : new int[] {160, 1, 2, 3, 480, 160}) {
                byte[] audio = new byte[length];
                random.nextBytes(audio);

                assertThat(writer.media(sid, audio)).as("%s, %d bytes", sid, length)
                        .isEqualTo(TwilioOutbound.media(sid, audio));
            }
        }
    }

    @Test
    void escapesCharactersBeyondAsciiAndDeepValuesGoTheGeneralWayWhichStillHearsTheFrame() {
        List<String> general = List.of(
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":\"2\\u0030\""),
                media("\"streamSid\":\"%s\",\"note\":\"café\"".formatted(STREAM_SID), "\"timestamp\":\"20\""),
                media("\"streamSid\":\"%s\",\"deep\":[[[[[[[[[1]]]]]]]]]".formatted(STREAM_SID), "\"timestamp\":20"),
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":1234567890123456789"));
        for (String text : general) {
            assertThat(read(text)).as(text).isNull();
            TwilioMediaCodec codec = new TwilioMediaCodec((kind, detail) -> { });
            codec.decode(TwilioWire.start());
            assertThat(codec.decode(WireMessage.Text.ofUtf8(text.getBytes(StandardCharsets.UTF_8)))).as(text)
                    .singleElement().isInstanceOf(AudioIn.class);
        }
    }

    @Test
    void aNegativeTimestampAndLiteralsInUnknownFieldsAreReadAsTheGeneralReaderReadsThem() {
        for (String text : List.of(
                media("\"streamSid\":\"%s\",\"a\":true,\"b\":null,\"c\":-0.5e+3,\"d\":{}".formatted(STREAM_SID),
                        "\"timestamp\":-1"),
                media("\"streamSid\":\"%s\"".formatted(STREAM_SID), "\"timestamp\":\" +40 \""),
                " \n" + media("\"streamSid\" : \"%s\"".formatted(STREAM_SID), "\"timestamp\"\t:\t0") + "\r\n")) {
            assertSameAudio(read(text), generalRead(text));
        }
    }

    private @Nullable AudioIn read(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), STREAM_SID);
    }

    private static String media(String topLevel, String mediaFields) {
        return "{\"event\":\"media\",%s,\"media\":{\"track\":\"inbound\",%s,\"payload\":\"%s\"}}"
                .formatted(topLevel, mediaFields, PAYLOAD);
    }

    /** What the codec's general path hears: this stream's caller-track frame, or nothing. */
    private static @Nullable AudioIn generalRead(String text) {
        TwilioMediaCodec general = new TwilioMediaCodec((kind, detail) -> { });
        general.decode(TwilioWire.start());
        try {
            var root = TwilioInbound.parse(text);
            if (!TwilioInbound.event(root).equals("media")) {
                return null;
            }
            var named = root.path("streamSid");
            if (named.isString() && !named.asString().equals(STREAM_SID)) {
                return null;
            }
            return TwilioInbound.media(root);
        } catch (DroppedMessage dropped) {
            return null;
        }
    }

    private static void assertSameAudio(@Nullable AudioIn fast, @Nullable AudioIn general) {
        assertThat(fast).isNotNull();
        assertThat(general).isNotNull();
        assertThat(fast.audio()).isEqualTo(general.audio());
        assertThat(fast.timestampMillis()).isEqualTo(general.timestampMillis());
        assertThat(fast.format()).isEqualTo(general.format());
    }

    private static String textOf(WireMessage message) {
        return ((WireMessage.Text) message).text();
    }

    private String mangle(String text) {
        StringBuilder mangled = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && !mangled.isEmpty(); i++) {
            int at = random.nextInt(mangled.length());
            switch (random.nextInt(3)) {
                case 0 -> mangled.deleteCharAt(at);
                case 1 -> mangled.setCharAt(at, (char) random.nextInt(random.nextBoolean() ? 0x80 : 0x250));
                default -> mangled.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
            }
        }
        return mangled.toString();
    }
}
