package io.firstbyte.pipeline.error;

/**
 * A stage failed in a way the call cannot recover from (every voice is down, nobody can hear the
 * caller). A stage that ends its output with this has already delivered the last words the caller
 * should hear; the pipeline lets them play, then ends the call politely.
 */
public final class CallCannotContinue extends RuntimeException {

    public CallCannotContinue(String reason, Throwable cause) {
        super(reason, cause);
    }
}
