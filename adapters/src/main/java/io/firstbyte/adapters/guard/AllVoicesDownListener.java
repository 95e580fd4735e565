package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.call.CallContext;

/** Told when a call heard the pre-rendered apology because no speech provider could answer. */
@FunctionalInterface
public interface AllVoicesDownListener {

    /** The apology's audio has been handed to the call; ending the call politely is now up to the listener. */
    void apologyPlayed(CallContext call, Throwable lastFailure);
}
