package io.firstbyte.pipeline.error;

import java.util.concurrent.TimeoutException;

/** Turns a failure into a short, honest sentence for the caller: never silence. */
public final class SpokenFailure {

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
