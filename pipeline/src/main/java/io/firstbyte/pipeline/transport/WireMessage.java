package io.firstbyte.pipeline.transport;

/** One message on a media connection, already copied out of any pooled buffer. */
public sealed interface WireMessage {

    record Text(String text) implements WireMessage {
    }

    record Binary(byte[] bytes) implements WireMessage {
        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }
}
