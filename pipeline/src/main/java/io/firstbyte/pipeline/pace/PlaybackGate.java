package io.firstbyte.pipeline.pace;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Whether the agent's audio may go out: closed while the caller's speech over the agent is being
 * judged (a backchannel or an interruption), so nothing new reaches the caller meanwhile; opened to
 * carry on where it stopped. One per call; thread-safe.
 */
public final class PlaybackGate {

    private Sinks.@Nullable Empty<Void> closed;

    /** No frame leaves the pacer from now until {@link #open()}. */
    public synchronized void close() {
        if (closed == null) {
            closed = Sinks.empty();
        }
    }

    /** Frames flow again; a frame held back goes out at once. */
    public void open() {
        Sinks.Empty<Void> waiting;
        synchronized (this) {
            waiting = closed;
            closed = null;
        }
        if (waiting != null) {
            waiting.tryEmitEmpty();
        }
    }

    public synchronized boolean isOpen() {
        return closed == null;
    }

    /** Completes when the gate is open: at once if it is. */
    Mono<Void> opened() {
        return Mono.defer(() -> {
            Sinks.Empty<Void> waiting;
            synchronized (this) {
                waiting = closed;
            }
            return waiting == null ? Mono.empty() : waiting.asMono();
        });
    }
}
