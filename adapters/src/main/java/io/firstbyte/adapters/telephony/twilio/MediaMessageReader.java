package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.event.AudioIn;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * The fast path for the message that is 99 % of a stream: a caller-track {@code media} of this
 * stream, read with Jackson's streaming parser instead of a tree, its base64 payload decoded
 * straight from the parser's characters. It only ever accepts what {@link TwilioInbound} would
 * turn into the same {@link AudioIn}; anything else (another event, a field of an unusual type or
 * repeated, another stream, bad base64, a partial frame, malformed JSON) it declines with
 * {@code null}, and the general reader decides, drops and their reasons included.
 *
 * <p>One per connection, called serially (it reuses one scratch buffer for the payload).
 */
final class MediaMessageReader {

    // The streaming factory alone, without a mapper's context per parser; the event loops that read media are
    // few and long-lived, so each keeps its own parser buffers instead of taking them from a shared deque.
    private static final JsonFactory JSON = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final int FRAME_BYTES = TwilioInbound.FORMAT.bytesPerFrame();

    private byte[] payloadAscii = new byte[0];

    /** The message's caller audio, or {@code null} when the general reader must decide. */
    @Nullable AudioIn read(String text, String streamSid) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? message(parser, streamSid) : null;
        } catch (JacksonException | IllegalArgumentException declined) {
            return null;
        }
    }

    private @Nullable AudioIn message(JsonParser parser, String streamSid) {
        boolean event = false;
        boolean stream = false;
        @Nullable AudioIn audio = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "event" -> {
                    if (event || !isString(parser, value, "media")) {
                        return null;
                    }
                    event = true;
                }
                case "streamSid" -> {
                    if (stream || !isString(parser, value, streamSid)) {
                        return null;
                    }
                    stream = true;
                }
                case "media" -> {
                    if (audio != null || value != JsonToken.START_OBJECT || (audio = media(parser)) == null) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return event && audio != null && parser.currentToken() == JsonToken.END_OBJECT && parser.nextToken() == null
                ? audio : null;
    }

    private @Nullable AudioIn media(JsonParser parser) {
        boolean track = false;
        long timestamp = -1;
        boolean timed = false;
        byte @Nullable [] payload = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "track" -> {
                    if (track || !isString(parser, value, "inbound")) {
                        return null;
                    }
                    track = true;
                }
                case "timestamp" -> {
                    if (timed) {
                        return null;
                    }
                    timestamp = timestamp(parser, value);
                    timed = true;
                }
                case "payload" -> {
                    if (payload != null || value != JsonToken.VALUE_STRING || (payload = payload(parser)) == null) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return timed && payload != null ? new AudioIn(payload, TwilioInbound.FORMAT, timestamp) : null;
    }

    /** As {@link JsonFields#integer}: a long number, or a string holding one; otherwise the parse is declined. */
    private static long timestamp(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            return Long.parseLong(parser.getString().strip()); // NumberFormatException is an IllegalArgumentException
        }
        throw new IllegalArgumentException("timestamp is neither a number nor a string");
    }

    /** The base64 payload decoded exactly as {@code Base64.getDecoder().decode(String)} would, if it is ASCII and whole frames. */
    private byte @Nullable [] payload(JsonParser parser) {
        char[] chars = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        int length = parser.getStringLength();
        if (payloadAscii.length != length) {
            payloadAscii = new byte[length];
        }
        for (int i = 0; i < length; i++) {
            char c = chars[offset + i];
            if (c > 0x7F) {
                return null;
            }
            payloadAscii[i] = (byte) c;
        }
        byte[] audio = BASE64.decode(payloadAscii);
        return audio.length == 0 || audio.length % FRAME_BYTES != 0 ? null : audio;
    }

    private static boolean isString(JsonParser parser, JsonToken value, String expected) {
        if (value != JsonToken.VALUE_STRING || parser.getStringLength() != expected.length()) {
            return false;
        }
        char[] chars = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        for (int i = 0; i < expected.length(); i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
