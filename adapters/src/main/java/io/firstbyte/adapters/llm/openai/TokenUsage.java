package io.firstbyte.adapters.llm.openai;

/** Tokens one streamed completion used, as the server reported them in its last chunk. */
public record TokenUsage(String provider, String model, String callId, int promptTokens, int completionTokens) {

    /** Receives the usage of each completion that reported one (a broken stream reports none). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = usage -> { };

        void usage(TokenUsage usage);
    }
}
