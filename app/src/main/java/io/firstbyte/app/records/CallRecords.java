package io.firstbyte.app.records;

import io.firstbyte.pipeline.call.CallContext;
import java.time.Clock;

/** Where each call's record starts: a recording per call, handed to the writer at its end. */
public final class CallRecords {

    private final CallRecordWriter writer;
    private final Clock clock;
    private final boolean enabled;

    /** {@code enabled} false: calls leave no record (a retention of zero). */
    public CallRecords(CallRecordWriter writer, Clock clock, boolean enabled) {
        this.writer = writer;
        this.clock = clock;
        this.enabled = enabled;
    }

    public CallRecording start(CallContext call, String gateway) {
        return enabled ? new CallRecording(call, gateway, clock, writer::offer) : CallRecording.discarding(call, gateway, clock);
    }
}
