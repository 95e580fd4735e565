package io.firstbyte.pipeline.error;

import java.util.concurrent.TimeoutException;

/** Turns a failure into a short, honest sentence for the caller: never silence. */
public final class SpokenFailure {

    /** Said when the call can no longer hear the caller: honest, short, and a goodbye. */
    public static final String CANNOT_HEAR =
            "I'm sorry, I can't hear you because of a technical problem on my side. Please call back in a few minutes. Goodbye.";

    private SpokenFailure() {
    }

    public static String sentenceFor(Throwable error) {
        if (error instanceof ProviderException provider) {
            return switch (provider.category()) {
                case RATE_LIMIT, SERVER, CONNECTIVITY, TIMEOUT ->
                        "Sorry, I'm having trouble on my end right now. Could you say that again?";
                case AUTHENTICATION, INVALID_REQUEST, PROTOCOL ->
                        "Sorry, something went wrong on my side and I can't answer that right now.";
            };
        }
        if (error instanceof TimeoutException) {
            return "Sorry, that took too long on my end. Could you say that again?";
        }
        return "Sorry, something went wrong on my side. Could you say that again?";
    }
}
