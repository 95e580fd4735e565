package io.firstbyte.pipeline.transport;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One message on a media connection, already copied out of any pooled buffer. */
public sealed interface WireMessage {

    /**
     * A text message, held as the UTF-8 bytes a socket carries; its characters are made only when
     * asked for. The frame messages (a Twilio {@code media} 50 times a second each way) are read and
     * written as bytes and never become a String. Immutable, so one message (a {@code clear}, say) may
     * serve every call.
     */
    final class Text implements WireMessage {

        private final byte[] utf8;
        // Made on first use; a String is safe to publish through a race, as String's own hash is.
        private @Nullable String text;

        public Text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            this.utf8 = text.getBytes(StandardCharsets.UTF_8);
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
                characters = new String(utf8, StandardCharsets.UTF_8);
                text = characters;
            }
            return characters;
        }

        /** Its UTF-8 bytes; the array is the message's own, not to be changed. */
        public byte[] utf8() {
            return utf8;
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
