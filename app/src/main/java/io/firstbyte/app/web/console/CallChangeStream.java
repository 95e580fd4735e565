package io.firstbyte.app.web.console;

import io.firstbyte.app.call.RecentTraces;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code GET /console/events}: the changes of this instance's calls as server-sent events, {@code started}
 * (the call), {@code turn} (its call id and the turn as {@code /calls/{id}/trace} reports it) and
 * {@code ended} (its call id, end reason and end), with a comment every {@code heartbeat} so an idle
 * stream stays open through proxies and a gone browser is noticed. Bounded: at most {@code maxWatchers}
 * streams at once (503 beyond), each with its own buffer of {@code buffer} changes that drops the oldest
 * when its browser does not keep up (the page reads {@code /calls} again now and then, so it catches up);
 * a closed stream stops watching at once.
 */
public final class CallChangeStream {

    private final RecentTraces traces;
    private final Scheduler scheduler;
    private final Duration heartbeat;
    private final int buffer;
    private final int maxWatchers;
    private final AtomicInteger watching = new AtomicInteger();

    public CallChangeStream(RecentTraces traces, Scheduler scheduler, Duration heartbeat, int buffer, int maxWatchers) {
        this.traces = traces;
        this.scheduler = scheduler;
        this.heartbeat = heartbeat;
        this.buffer = buffer;
        this.maxWatchers = maxWatchers;
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        if (watching.incrementAndGet() > maxWatchers) {
            watching.decrementAndGet();
            return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(java.util.Map.of("error", "too many console streams open on this instance (" + maxWatchers + ")"));
        }
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no")
                .body(BodyInserters.fromServerSentEvents(events().doFinally(signal -> watching.decrementAndGet())));
    }

    /** The events of one stream: a first comment (so the browser knows it is open), then changes and heartbeats. */
    Flux<ServerSentEvent<Object>> events() {
        Flux<ServerSentEvent<Object>> changes = traces.changes()
                .onBackpressureBuffer(buffer, dropped -> { }, BufferOverflowStrategy.DROP_OLDEST)
                .map(CallChangeStream::event);
        Flux<ServerSentEvent<Object>> beats = Flux.interval(heartbeat, heartbeat, scheduler)
                .map(beat -> ServerSentEvent.builder().comment("still here").build());
        // One at a time past the buffer, and written off the call's thread.
        return Flux.concat(Mono.just(ServerSentEvent.builder().comment("watching calls").build()),
                        Flux.merge(1, changes, beats))
                .publishOn(scheduler, 1);
    }

    /** Streams open now. */
    int watching() {
        return watching.get();
    }

    private static ServerSentEvent<Object> event(RecentTraces.Change change) {
        String name = switch (change) {
            case RecentTraces.Change.Started started -> "started";
            case RecentTraces.Change.Turn turn -> "turn";
            case RecentTraces.Change.Ended ended -> "ended";
        };
        return ServerSentEvent.<Object>builder(change).event(name).build();
    }
}
