package io.firstbyte.adapters.telephony.common;

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
}
