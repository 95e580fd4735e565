package io.firstbyte.adapters.telephony.twilio;

/** Unwinds the reader to the codec's one drop point; cheap, because it carries no stack trace. */
final class DroppedMessage extends RuntimeException {

    private final TwilioDropKind kind;

    DroppedMessage(TwilioDropKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    TwilioDropKind kind() {
        return kind;
    }
}
