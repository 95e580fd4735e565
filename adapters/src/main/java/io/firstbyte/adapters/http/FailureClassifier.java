package io.firstbyte.adapters.http;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;

/**
 * Classifies any failure of an outside call into an {@link ErrorCategory}, once, at the adapter
 * edge. Already classified failures pass through unchanged.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static ProviderException classify(String provider, Throwable error) {
        if (error instanceof ProviderException classified) {
            return classified;
        }
        return ProviderFailure.of(provider, categoryOf(error), describe(error), error);
    }

    /** The category of an HTTP status (handshakes included). */
    public static ErrorCategory forStatus(int status) {
        return switch (status) {
            case 401, 403 -> ErrorCategory.AUTHENTICATION;
            case 408 -> ErrorCategory.TIMEOUT;
            case 429 -> ErrorCategory.RATE_LIMIT;
            case 409 -> ErrorCategory.SERVER;
            default -> status >= 500 ? ErrorCategory.SERVER : ErrorCategory.INVALID_REQUEST;
        };
    }

    static ErrorCategory categoryOf(Throwable error) {
        return switch (error) {
            case TimeoutException timeout -> ErrorCategory.TIMEOUT;
            case io.netty.handler.timeout.TimeoutException timeout -> ErrorCategory.TIMEOUT;
            case WebSocketClientHandshakeException handshake -> handshake.response() == null
                    ? ErrorCategory.PROTOCOL
                    : forStatus(handshake.response().status().code());
            case PrematureCloseException closed -> ErrorCategory.CONNECTIVITY;
            case ConnectException refused -> ErrorCategory.CONNECTIVITY;
            case UnknownHostException unknown -> ErrorCategory.CONNECTIVITY;
            case IOException io -> ErrorCategory.CONNECTIVITY;
            case JacksonException json -> ErrorCategory.PROTOCOL;
            default -> error.getCause() != null && error.getCause() != error
                    ? categoryOf(error.getCause())
                    : ErrorCategory.PROTOCOL;
        };
    }

    private static String describe(Throwable error) {
        if (error instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
            return "handshake refused with HTTP " + handshake.response().status().code();
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
