package io.firstbyte.pipeline.error;

/** A failure of an outside provider (STT, model, TTS), already classified. */
public class ProviderException extends RuntimeException {

    private final String provider;
    private final ErrorCategory category;

    public ProviderException(String provider, ErrorCategory category, String message) {
        this(provider, category, message, null);
    }

    public ProviderException(String provider, ErrorCategory category, String message, Throwable cause) {
        super(provider + ": " + category + ": " + message, cause);
        this.provider = provider;
        this.category = category;
    }

    public String provider() {
        return provider;
    }

    public ErrorCategory category() {
        return category;
    }
}
