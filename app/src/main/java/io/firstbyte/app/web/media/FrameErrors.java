package io.firstbyte.app.web.media;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.Optional;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * What a media socket answers an inbound transport error with. A message over the frame cap ends
 * the connection with 1009 whether it came as one frame (Netty's decoder refuses it) or as
 * continuation frames assembled past the cap (the aggregator refuses it); any other corrupt frame
 * with the status the decoder chose. Either is dropped input to count, not a failure to propagate:
 * an error left on the receive stream reaches nobody and ends as an {@code onErrorDropped} trace.
 */
record FrameErrors(String kind, CloseStatus close) {

    private static final FrameErrors TOO_BIG = new FrameErrors("oversized_message", CloseStatus.TOO_BIG_TO_PROCESS);

    static Optional<FrameErrors> of(Throwable error) {
        if (error instanceof TooLongFrameException) {
            return Optional.of(TOO_BIG);
        }
        if (error instanceof CorruptedWebSocketFrameException corrupt) {
            WebSocketCloseStatus status = corrupt.closeStatus();
            return Optional.of(status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code() ? TOO_BIG
                    : new FrameErrors("protocol_error", new CloseStatus(status.code(), status.reasonText())));
        }
        return Optional.empty();
    }
}
