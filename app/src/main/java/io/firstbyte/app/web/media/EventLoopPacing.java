package io.firstbyte.app.web.media;

import io.firstbyte.pipeline.pace.PacingTick;
import io.netty.channel.EventLoop;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * One pacing tick per connection event loop. A call paced on its own connection's loop has its frames
 * written where they are sent; paced on the pipeline's tick (another thread), every frame is handed over
 * to the loop as a task, with a wake-up of the loop each time. The loops are the server's, so a tick
 * lives as long as its loop (and runs only while it paces an answer).
 */
public final class EventLoopPacing {

    private final Map<EventLoop, PacingTick> ticks = new ConcurrentHashMap<>();

    /**
     * The tick of the event loop this runs on; {@code null} off an event loop. Reactor Netty hands a
     * WebSocket to its handler on the connection's loop, and Spring's session does not expose the channel,
     * so the loop is found by the thread.
     */
    @Nullable PacingTick current() {
        if (!(ThreadExecutorMap.currentExecutor() instanceof EventLoop loop)) {
            return null;
        }
        return ticks.computeIfAbsent(loop, eventLoop -> new PacingTick(Schedulers.fromExecutorService(eventLoop, "pacing")));
    }
}
