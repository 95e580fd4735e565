package io.firstbyte.adapters.telephony.twilio;

import io.firstbyte.pipeline.event.AudioIn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The fast path for the message that is 99 % of a stream: a caller-track {@code media} of this
 * stream, read straight from the socket's UTF-8 bytes, its base64 payload decoded from them, with
 * no parser, String or tree in between. It reads only plain JSON (ASCII, no escapes, at most
 * {@value #MAX_DEPTH} levels deep) and only ever accepts what {@link TwilioInbound} would turn into
 * the same {@link AudioIn}; anything else (another event, a field of an unusual type or repeated,
 * another stream, bad base64, a partial frame, an escape, malformed JSON) it declines with
 * {@code null}, and the general reader (Jackson) decides, drops and their reasons included.
 *
 * <p>One per connection, called serially (it keeps its place in the message and a scratch buffer
 * for the payload).
 */
final class MediaMessageReader {

    /** Deeper values (in fields nobody reads) go the general way. */
    static final int MAX_DEPTH = 8;
    private static final int MAX_NUMBER_CHARS = 64;
    private static final Base64.Decoder BASE64 = Base64.getDecoder();
    private static final int FRAME_BYTES = TwilioInbound.FORMAT.bytesPerFrame();
    private static final byte[] EVENT = ascii("event");
    private static final byte[] STREAM_SID = ascii("streamSid");
    private static final byte[] MEDIA = ascii("media");
    private static final byte[] TRACK = ascii("track");
    private static final byte[] INBOUND = ascii("inbound");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] PAYLOAD = ascii("payload");
    /** A failed step; the scan returns it for a message the general reader must decide. */
    private static final int DECLINED = -1;

    private static final byte[] NO_MESSAGE = new byte[0];

    private byte[] json = NO_MESSAGE;
    /** The next byte to read; each step moves it past what it read, or returns {@link #DECLINED}. */
    private int at;
    /** The last string read: its first byte and the byte after its last. */
    private int stringStart;
    private int stringEnd;
    private String streamSid = "";
    private byte[] streamSidBytes = new byte[0];
    private byte[] payloadAscii = new byte[0];

    /** The message's caller audio, or {@code null} when the general reader must decide. */
    @Nullable AudioIn read(byte[] utf8, String streamSid) {
        if (!streamSid.equals(this.streamSid)) {
            this.streamSid = streamSid;
            this.streamSidBytes = streamSid.getBytes(StandardCharsets.UTF_8);
        }
        json = utf8;
        at = 0;
        try {
            AudioIn audio = message();
            return audio != null && skipSpace() == json.length ? audio : null;
        } finally {
            json = NO_MESSAGE;
        }
    }

    private @Nullable AudioIn message() {
        if (!consume('{') || consume('}')) {
            return null;
        }
        boolean event = false;
        boolean stream = false;
        @Nullable AudioIn audio = null;
        do {
            if (!name()) {
                return null;
            }
            if (named(EVENT)) {
                if (event || !stringIs(MEDIA)) {
                    return null;
                }
                event = true;
            } else if (named(STREAM_SID)) {
                if (stream || !stringIs(streamSidBytes)) {
                    return null;
                }
                stream = true;
            } else if (named(MEDIA)) {
                if (audio != null || (audio = media()) == null) {
                    return null;
                }
            } else if (!skipValue(1)) {
                return null;
            }
        } while (consume(','));
        return event && consume('}') ? audio : null;
    }

    private @Nullable AudioIn media() {
        if (!consume('{') || consume('}')) {
            return null;
        }
        boolean track = false;
        long timestamp = -1;
        boolean timed = false;
        byte @Nullable [] payload = null;
        do {
            if (!name()) {
                return null;
            }
            if (named(TRACK)) {
                if (track || !stringIs(INBOUND)) {
                    return null;
                }
                track = true;
            } else if (named(TIMESTAMP)) {
                if (timed) {
                    return null;
                }
                timestamp = timestamp();
                if (at == DECLINED) { // a timestamp may be -1; where the scan stands says whether it was read
                    return null;
                }
                timed = true;
            } else if (named(PAYLOAD)) {
                if (payload != null || !string() || (payload = payload()) == null) {
                    return null;
                }
            } else if (!skipValue(2)) {
                return null;
            }
        } while (consume(','));
        return consume('}') && timed && payload != null ? new AudioIn(payload, TwilioInbound.FORMAT, timestamp) : null;
    }

    /**
     * As {@link JsonFields#integer}: a number that is a long, or a string holding one (spaces around
     * it allowed). A value that is neither leaves {@link #at} at {@link #DECLINED}.
     */
    private long timestamp() {
        int start = skipSpace();
        if (start < json.length && json[start] == '"') {
            if (!string()) {
                return decline();
            }
            int from = stringStart;
            int to = stringEnd;
            while (from < to && json[from] == ' ') {
                from++;
            }
            while (to > from && json[to - 1] == ' ') {
                to--;
            }
            return parseLong(from, to, true);
        }
        int end = integerEnd(start);
        if (end == DECLINED) {
            return decline();
        }
        at = end;
        return parseLong(start, end, false);
    }

    /** The long in {@code [from, to)}; a sign, then digits; {@code plus}: a leading {@code +} too, as {@code Long.parseLong} takes. */
    private long parseLong(int from, int to, boolean plus) {
        boolean negative = from < to && json[from] == '-';
        if (negative || plus && from < to && json[from] == '+') {
            from++;
        }
        if (from == to || to - from > 18) {
            // Beyond 18 digits a long may overflow: the general reader decides.
            return decline();
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(json[i])) {
                return decline();
            }
            value = value * 10 + (json[i] - '0');
        }
        return negative ? -value : value;
    }

    private long decline() {
        at = DECLINED;
        return DECLINED;
    }

    /** The base64 payload (the last string read) decoded exactly as {@code Base64.getDecoder().decode(String)} would, if it is whole frames. */
    private byte @Nullable [] payload() {
        int length = stringEnd - stringStart;
        if (payloadAscii.length != length) {
            payloadAscii = new byte[length];
        }
        System.arraycopy(json, stringStart, payloadAscii, 0, length);
        byte[] audio;
        try {
            audio = BASE64.decode(payloadAscii);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return audio.length == 0 || audio.length % FRAME_BYTES != 0 ? null : audio;
    }

    /** A field's name (a string) and its colon. */
    private boolean name() {
        return string() && consume(':');
    }

    /** Whether the last string read is {@code expected}. */
    private boolean named(byte[] expected) {
        return Arrays.equals(json, stringStart, stringEnd, expected, 0, expected.length);
    }

    /** Reads a string value and tells whether it is {@code expected}. */
    private boolean stringIs(byte[] expected) {
        return string() && named(expected);
    }

    /** A plain string: printable ASCII without escapes; its characters are then {@code [stringStart, stringEnd)}. */
    private boolean string() {
        if (!consume('"')) {
            return false;
        }
        int i = at;
        while (i < json.length) {
            byte b = json[i];
            if (b == '"') {
                stringStart = at;
                stringEnd = i;
                at = i + 1;
                return true;
            }
            if (b == '\\' || b < 0x20) { // an escape, a control character or a byte beyond ASCII (negative)
                return false;
            }
            i++;
        }
        return false;
    }

    /** Skips a value nobody reads: a string, number, literal, or an array or object of them. */
    private boolean skipValue(int depth) {
        int start = skipSpace();
        if (start >= json.length) {
            return false;
        }
        byte first = json[start];
        if (first == '"') {
            return string();
        }
        if (first == '{' || first == '[') {
            return depth < MAX_DEPTH && skipContainer(first, depth + 1);
        }
        if (first == 't' || first == 'f' || first == 'n') {
            return literal(start, "true") || literal(start, "false") || literal(start, "null");
        }
        int end = numberEnd(start);
        if (end == DECLINED) {
            return false;
        }
        at = end;
        return true;
    }

    private boolean skipContainer(byte open, int depth) {
        at++;
        char close = open == '{' ? '}' : ']';
        if (consume(close)) {
            return true;
        }
        do {
            if (open == '{' && !name() || !skipValue(depth)) {
                return false;
            }
        } while (consume(','));
        return consume(close);
    }

    private boolean literal(int start, String word) {
        if (start + word.length() > json.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (json[start + i] != word.charAt(i)) {
                return false;
            }
        }
        at = start + word.length();
        return !startsWord(at);
    }

    /** The end of a JSON integer starting at {@code start}, or {@link #DECLINED}. */
    private int integerEnd(int start) {
        int i = integerPartEnd(start);
        if (i == DECLINED || i < json.length && (json[i] == 'e' || json[i] == 'E' || startsWord(i))) {
            return DECLINED;
        }
        return i;
    }

    /** The end of a JSON number (fraction and exponent allowed) starting at {@code start}, or {@link #DECLINED}. */
    private int numberEnd(int start) {
        int i = integerPartEnd(start);
        if (i != DECLINED && i < json.length && json[i] == '.') {
            i = digitsEnd(i + 1);
        }
        if (i != DECLINED && i < json.length && (json[i] == 'e' || json[i] == 'E')) {
            i++;
            if (i < json.length && (json[i] == '+' || json[i] == '-')) {
                i++;
            }
            i = digitsEnd(i);
        }
        if (i == DECLINED || i - start > MAX_NUMBER_CHARS || i < json.length && (isDigit(json[i]) || startsWord(i))) {
            return DECLINED;
        }
        return i;
    }

    /** A sign, then {@code 0} or digits that start with another: where that ends, or {@link #DECLINED}. */
    private int integerPartEnd(int start) {
        int i = start < json.length && json[start] == '-' ? start + 1 : start;
        int end = i < json.length && json[i] == '0' ? i + 1 : digitsEnd(i);
        if (end == DECLINED || end - start > MAX_NUMBER_CHARS || end < json.length && isDigit(json[end])) {
            return DECLINED;
        }
        return end;
    }

    /** Where a run of at least one digit from {@code from} ends, or {@link #DECLINED}. */
    private int digitsEnd(int from) {
        int i = from;
        while (i < json.length && isDigit(json[i])) {
            i++;
        }
        return i == from ? DECLINED : i;
    }

    /** Whether a letter or a dot follows a token (so it was not a whole token: {@code truex}, {@code 1.}). */
    private boolean startsWord(int i) {
        if (i >= json.length) {
            return false;
        }
        byte b = json[i];
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '.' || b == '_' || b < 0;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Reads {@code expected} after any whitespace; false, and nothing read, when another byte comes first. */
    private boolean consume(char expected) {
        int i = skipSpace();
        if (i < json.length && json[i] == expected) {
            at = i + 1;
            return true;
        }
        return false;
    }

    /** Moves past JSON whitespace; returns where the next token starts. */
    private int skipSpace() {
        int i = at;
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
            i++;
        }
        at = i;
        return i;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
