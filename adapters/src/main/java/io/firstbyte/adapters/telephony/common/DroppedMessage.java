package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.transport.DroppedInput;
import java.util.List;
import java.util.function.Supplier;

/**
 * Unwinds a dialect reader to its codec's one drop point; cheap, because it carries no stack
 * trace. Codecs catch it, report it to their {@link io.firstbyte.pipeline.transport.DroppedInput}
 * and yield no event, so it never leaves a codec.
 */
public final class DroppedMessage extends RuntimeException {

    private final DropKind kind;

    public DroppedMessage(DropKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public DropKind kind() {
        return kind;
    }

    /** Runs one codec step; a message it drops is reported to {@code dropped} and yields nothing. */
    public static <T> List<T> reportedTo(DroppedInput dropped, Supplier<List<T>> step) {
        try {
            return step.get();
        } catch (DroppedMessage drop) {
            dropped.dropped(drop.kind().kind(), drop.getMessage());
            return List.of();
        }
    }
}
