package io.firstbyte.pipeline.transport;

/** Receives every inbound message a codec drops, by kind (for example {@code invalid_base64}). */
@FunctionalInterface
public interface DroppedInput {

    void dropped(String kind, String detail);

    static DroppedInput ignore() {
        return (kind, detail) -> { };
    }
}
