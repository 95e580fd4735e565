package io.firstbyte.adapters.stt.deepgram;

import io.firstbyte.adapters.http.WsFrame;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

/** One socket of a listen session: where its audio clock starts, and whether we asked it to close. */
final class ListenConnection {

    private volatile long offsetMillis = -1;
    private volatile boolean closeStreamSent;
    private volatile @Nullable Channel channel;

    void attach(Connection connection) {
        channel = connection.channel();
    }

    /**
     * Writes {@code CloseStream} straight to the channel. Called while a cancel travels upstream, it
     * is queued on the event loop ahead of the close frame the cancel will send.
     */
    void sendCloseStreamNow() {
        Channel socket = channel;
        if (socket != null && socket.isActive() && !closeStreamSent) {
            socket.writeAndFlush(frame(Outgoing.CLOSE_STREAM).toNetty());
        }
    }

    /** The frame to send for {@code outgoing}; remembers the caller-audio time of the socket's first audio. */
    WsFrame frame(Outgoing outgoing) {
        return switch (outgoing) {
            case Outgoing.Audio audio -> {
                if (offsetMillis < 0) {
                    offsetMillis = audio.frame().timestampMillis();
                }
                yield WsFrame.binary(audio.frame().audio());
            }
            case Outgoing.Control control -> {
                if (control == Outgoing.CLOSE_STREAM) {
                    closeStreamSent = true;
                }
                yield WsFrame.text(control.json());
            }
        };
    }

    long offsetMillis() {
        return Math.max(0, offsetMillis);
    }

    boolean closeStreamSent() {
        return closeStreamSent;
    }
}
