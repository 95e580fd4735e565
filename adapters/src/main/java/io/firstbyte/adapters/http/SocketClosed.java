package io.firstbyte.adapters.http;

import io.firstbyte.pipeline.error.ErrorCategory;
import io.firstbyte.pipeline.error.ProviderException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.jspecify.annotations.Nullable;

/** What a WebSocket close means: a normal end, or a failure of a given category. */
public final class SocketClosed {

    private SocketClosed() {
    }

    /** Whether the peer closed normally (1000, or 1001 going away without an error). */
    public static boolean isNormal(@Nullable WebSocketCloseStatus status) {
        return status != null && (status.code() == 1000 || status.code() == 1001);
    }

    /** The failure an abnormal close stands for; its reason text is kept (providers put error codes there). */
    public static ProviderException failure(String provider, @Nullable WebSocketCloseStatus status) {
        if (status == null) {
            return ProviderFailure.of(provider, ErrorCategory.CONNECTIVITY, "socket closed without a close frame");
        }
        return ProviderFailure.of(provider, categoryOf(status.code()),
                "socket closed with " + status.code() + " " + status.reasonText());
    }

    static ErrorCategory categoryOf(int code) {
        return switch (code) {
            case 1002, 1003, 1007, 1009 -> ErrorCategory.PROTOCOL;
            case 1008 -> ErrorCategory.INVALID_REQUEST;
            case 1011, 1012, 1013, 1014 -> ErrorCategory.SERVER;
            case 4001, 4003 -> ErrorCategory.AUTHENTICATION;
            case 4008, 4029 -> ErrorCategory.RATE_LIMIT;
            default -> ErrorCategory.CONNECTIVITY;
        };
    }
}
