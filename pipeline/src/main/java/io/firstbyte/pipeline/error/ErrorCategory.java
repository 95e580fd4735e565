package io.firstbyte.pipeline.error;

/** Why an outside call failed, classified once at the adapter edge. */
public enum ErrorCategory {
    AUTHENTICATION(false),
    RATE_LIMIT(true),
    CONNECTIVITY(true),
    TIMEOUT(true),
    SERVER(true),
    INVALID_REQUEST(false),
    PROTOCOL(false);

    private final boolean transient_;

    ErrorCategory(boolean isTransient) {
        this.transient_ = isTransient;
    }

    /** Whether trying again later may succeed. */
    public boolean isTransient() {
        return transient_;
    }
}
