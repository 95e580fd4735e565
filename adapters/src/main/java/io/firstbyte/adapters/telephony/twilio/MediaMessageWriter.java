package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for the message of every outbound frame, {@code media}: the same text
 * {@link TwilioOutbound#media} writes, character for character, without a JSON tree. The message
 * around the payload is written once per stream by {@code TwilioOutbound} itself; each frame then
 * only base64-encodes its audio between copies of it, into the one array the socket sends (the
 * message's UTF-8, never a String). A stream id that needs characters beyond ASCII goes the general way.
 *
 * <p>One per connection, called serially (the send side).
 */
final class MediaMessageWriter {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final String PAYLOAD_END = "\"}}";
    private static final byte[] PAYLOAD_END_BYTES = PAYLOAD_END.getBytes(StandardCharsets.US_ASCII);

    private String streamSid = "";
    /** The message up to the payload's first character, in ASCII; null when the stream id is not ASCII. */
    private byte @Nullable [] head;
    private byte[] payload = new byte[0];

    WireMessage media(String sid, byte[] mulaw) {
        if (!sid.equals(streamSid)) {
            streamSid = sid;
            head = headOf(sid);
        }
        byte[] before = head;
        if (before == null) {
            return TwilioOutbound.media(sid, mulaw);
        }
        int encoded = 4 * ((mulaw.length + 2) / 3);
        if (payload.length != encoded) {
            payload = new byte[encoded];
        }
        BASE64.encode(mulaw, payload);
        byte[] message = Arrays.copyOf(before, before.length + encoded + PAYLOAD_END_BYTES.length);
        System.arraycopy(payload, 0, message, before.length, encoded);
        System.arraycopy(PAYLOAD_END_BYTES, 0, message, before.length + encoded, PAYLOAD_END_BYTES.length);
        return WireMessage.Text.ofUtf8(message);
    }

    /** The general writer's message with an empty payload, cut before the payload's closing quote. */
    private static byte @Nullable [] headOf(String sid) {
        String empty = ((WireMessage.Text) TwilioOutbound.media(sid, new byte[0])).text();
        if (!empty.endsWith(PAYLOAD_END) || !StandardCharsets.US_ASCII.newEncoder().canEncode(empty)) {
            return null;
        }
        return empty.substring(0, empty.length() - PAYLOAD_END.length()).getBytes(StandardCharsets.US_ASCII);
    }
}
