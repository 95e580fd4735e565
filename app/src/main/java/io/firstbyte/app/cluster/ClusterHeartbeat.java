package io.firstbyte.app.cluster;

import io.firstbyte.app.call.LiveCalls;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps this instance and its calls in the registry while it runs: a beat every {@code every},
 * from once the web server listens (so its address is known) until the drain is over (so a draining
 * instance's calls stay listed and reachable), when it leaves the registry. A beat that fails is
 * simply the next one's to repair; the instance stays listed for three beats without one.
 */
public final class ClusterHeartbeat implements SmartLifecycle {

    /**
     * After the web server starts ({@code Integer.MAX_VALUE - 2048}); stopped after the drain
     * ({@code Integer.MAX_VALUE}) and before the web server's graceful shutdown ({@code - 1024}).
     */
    public static final int PHASE = Integer.MAX_VALUE - 512;
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ClusterHeartbeat.class);

    private final ClusterCalls registry;
    private final LiveCalls live;
    private final Supplier<ClusterCalls.InstanceState> state;
    private final Supplier<String> url;
    private final ThisInstance self;
    private final Duration every;
    private final Scheduler scheduler;
    private volatile @Nullable Disposable beating;

    /**
     * @param url where the other instances reach this one, asked once the web server listens
     */
    public ClusterHeartbeat(ClusterCalls registry, LiveCalls live, Supplier<ClusterCalls.InstanceState> state,
                            ThisInstance self, Supplier<String> url, Duration every, Scheduler scheduler) {
        this.registry = registry;
        this.live = live;
        this.state = state;
        this.self = self;
        this.url = url;
        this.every = every;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        self.listeningAt(url.get());
        log.info("instance {} at {}: its calls are listed for every instance sharing Redis", self.id(), self.url());
        beating = Flux.interval(Duration.ZERO, every, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> registry.beat(state.get(), live::list).onErrorResume(error -> Mono.empty()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = beating;
        if (current != null) {
            current.dispose();
            beating = null;
            registry.leave().onErrorResume(error -> Mono.empty()).block(LEAVE_TIMEOUT);
        }
    }

    @Override
    public boolean isRunning() {
        return beating != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
