package io.firstbyte.pipeline.event;

/** A fragment of the model's spoken answer. */
public record ModelTextDelta(String text) implements ModelOutput {
}
