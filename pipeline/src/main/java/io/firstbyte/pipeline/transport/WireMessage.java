package io.firstbyte.pipeline.transport;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One message on a media connection, already copied out of any pooled buffer. */
public sealed interface WireMessage {

    /**
     * A text message, held as its characters or as its UTF-8 bytes, whichever it was made from; the
     * other form is made only when asked for. A media socket reads and writes bytes, and the frame
     * messages (a Twilio {@code media} 50 times a second each way) are read and written as bytes
     * without ever becoming a String. Passed along one stream, as every message is: not for sharing
     * between threads that use it at once.
     */
    final class Text implements WireMessage {

        private @Nullable String text;
        private byte @Nullable [] utf8;

        public Text(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        private Text(byte[] utf8) {
            this.utf8 = utf8;
        }

        /** The message whose UTF-8 bytes are {@code utf8}; it keeps the array, which nobody may change after. */
        public static Text ofUtf8(byte[] utf8) {
            return new Text(Objects.requireNonNull(utf8, "utf8"));
        }

        /** Its characters (malformed UTF-8 read as U+FFFD, as a socket's text is). */
        public String text() {
            String characters = text;
            if (characters == null) {
                characters = new String(Objects.requireNonNull(utf8), StandardCharsets.UTF_8);
                text = characters;
            }
            return characters;
        }

        /** Its UTF-8 bytes; the array is the message's own, not to be changed. */
        public byte[] utf8() {
            byte[] bytes = utf8;
            if (bytes == null) {
                bytes = Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8);
                utf8 = bytes;
            }
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Text that && text().equals(that.text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }

        @Override
        public String toString() {
            return "Text[text=" + text() + "]";
        }
    }

    record Binary(byte[] bytes) implements WireMessage {
        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }
}
