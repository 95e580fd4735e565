package io.firstbyte.pipeline.event;

import io.firstbyte.pipeline.audio.AudioFormat;
import java.util.Map;
import java.util.TreeSet;

/** The stream is up: its id, the parameters the gateway passed, and the inbound audio format. */
public record CallStarted(String streamId, String callId, Map<String, String> parameters, AudioFormat format)
        implements InboundEvent {

    public CallStarted {
        parameters = Map.copyOf(parameters);
    }

    /** Parameter names only: their values carry phone numbers and the single-use call token. */
    @Override
    public String toString() {
        return "CallStarted[streamId=" + streamId + ", callId=" + callId + ", parameters=" + new TreeSet<>(parameters.keySet())
                + ", format=" + format + "]";
    }
}
