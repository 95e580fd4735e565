package io.firstbyte.app.web.twilio;

import io.firstbyte.pipeline.event.CallStarted;
import org.jspecify.annotations.Nullable;

/**
 * What the signed voice webhook said about a call and its stream must repeat: the call sid, the
 * caller's number and the dialled number (which decides the tenant). A missing value is empty.
 */
public record SignedCall(String callSid, String from, String to) {

    public SignedCall(@Nullable String callSid, @Nullable String from, @Nullable String to) {
        this.callSid = callSid == null ? "" : callSid;
        this.from = from == null ? "" : from;
        this.to = to == null ? "" : to;
    }

    /** What a stream's {@code start} claims: its call sid and its {@code From}/{@code To} parameters. */
    public static SignedCall claimedBy(CallStarted started) {
        return new SignedCall(started.callId(), started.parameters().get("From"), started.parameters().get("To"));
    }
}
