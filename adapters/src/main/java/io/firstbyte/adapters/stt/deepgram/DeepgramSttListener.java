package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.error.ProviderException;

/** Hooks for counting what a live-listen session went through (wire them to metrics). */
public interface DeepgramSttListener {

    DeepgramSttListener NONE = new DeepgramSttListener() {
    };

    /** The socket dropped mid-call and the session is reconnecting (at most once per call). */
    default void reconnecting(CallContext call, ProviderException cause) {
    }

    /** Caller audio was dropped because the reconnect buffer was full. */
    default void audioDropped(CallContext call) {
    }

    /** A message from Deepgram was not understood and was skipped. */
    default void messageDropped(CallContext call, String reason) {
    }
}
