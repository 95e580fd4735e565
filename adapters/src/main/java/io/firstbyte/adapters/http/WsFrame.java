package io.firstbyte.adapters.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;

/** One WebSocket message as heap data: no pooled buffer travels past the socket. */
public sealed interface WsFrame {

    record Text(String text) implements WsFrame {
    }

    record Binary(byte[] bytes) implements WsFrame {
        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    static WsFrame text(String text) {
        return new Text(text);
    }

    static WsFrame binary(byte[] bytes) {
        return new Binary(bytes);
    }

    /** Copies a received Netty frame; control and continuation frames give null. */
    static @Nullable WsFrame copyOf(WebSocketFrame frame) {
        return switch (frame) {
            case TextWebSocketFrame text -> new Text(text.text());
            case BinaryWebSocketFrame binary -> new Binary(ByteBufUtil.getBytes(binary.content()));
            default -> null;
        };
    }

    /** The Netty frame to send. */
    default WebSocketFrame toNetty() {
        return switch (this) {
            case Text text -> new TextWebSocketFrame(text.text());
            case Binary binary -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(binary.bytes()));
        };
    }
}
