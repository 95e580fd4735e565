package io.firstbyte.fakes.voice;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * A voice provider that drops its socket in the middle of an answer ({@link FakeVoice.Mode#DROP_MID_STREAM}):
 * the answer's first frame reaches the client, then the connection closes without a close frame. The frame
 * is written straight to the socket and the close waits for that write, so a busy machine cannot close the
 * socket before the frame has left (a close on a timer could).
 */
public final class MidStreamDrop {

    private MidStreamDrop() {
    }

    /** Sends {@code first} itself, then drops {@code connection}; the returned stream sends nothing and ends when the socket has closed. */
    public static Flux<WebSocketFrame> sendThenDrop(@Nullable Connection connection, Flux<WebSocketFrame> first) {
        // Ends only once the socket is closed: nothing queued behind it (an end-of-stream answer) may leave first.
        return first.take(1).concatMap(frame -> Mono.<WebSocketFrame>create(sink -> {
            if (connection == null) {
                frame.release();
                sink.success();
                return;
            }
            Channel channel = connection.channel();
            channel.closeFuture().addListener(closed -> sink.success());
            channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        }));
    }
}
