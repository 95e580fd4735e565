package io.firstbyte.app.cluster;

import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.call.LiveCalls;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live calls of every instance sharing one Redis, and the owner of each call. Each instance
 * publishes its calls as they start and end, and beats every few seconds: its entries expire after
 * {@code ttl} without a beat, so a dead instance's calls disappear within that bound. Each beat also
 * repairs what a failed write left behind (a call missing, or one that ended), so the published calls
 * follow this instance's own within one beat after Redis answers again.
 *
 * <pre>
 * &lt;prefix&gt;:instances               sorted set: instance id, scored with when its entry expires (epoch ms)
 * &lt;prefix&gt;:instance:&lt;id&gt;           hash: url, calls, capacity, draining (expires with the instance)
 * &lt;prefix&gt;:instance:&lt;id&gt;:calls     hash: call id, the call as JSON (expires with the instance)
 * &lt;prefix&gt;:call:&lt;call id&gt;:owner     the instance id, kept an hour, so a recent call's trace is found
 * </pre>
 */
public final class ClusterCalls implements LiveCalls.Listener {

    /** What an instance says about itself at each beat. */
    public record InstanceState(int calls, int capacity, boolean draining) {
    }

    /** One instance, as the registry knows it. */
    public record InstanceView(String id, String url, int calls, int capacity, boolean draining) {
    }

    /** One live call and the instance that holds it. */
    public record ClusterCall(String callId, String streamId, String caller, String dialled, Instant startedAt, String instance) {

        public static ClusterCall of(LiveCalls.LiveCall call, String instance) {
            return new ClusterCall(call.callId(), call.streamId(), call.caller(), call.dialled(), call.startedAt(), instance);
        }
    }

    /** Every instance alive, and their calls. */
    public record View(List<InstanceView> instances, List<ClusterCall> calls) {
    }

    /** An instance that owns a call, and where to reach it. */
    public record Owner(String id, String url) {
    }

    /** The stored form of a call: plain strings, whatever JSON settings the web layer uses. */
    private record Stored(String callId, String streamId, String caller, String dialled, String startedAt) {
    }

    static final Duration OWNER_TTL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(ClusterCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisConnector redis;
    private final String prefix;
    private final ThisInstance self;
    private final Duration ttl;
    private final Clock clock;

    public ClusterCalls(RedisConnector redis, String keyPrefix, ThisInstance self, Duration ttl, Clock clock) {
        this.redis = redis;
        this.prefix = keyPrefix;
        this.self = self;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    // Publishing is detached from the call on purpose: a call that ends must not cancel the write that
    // publishes it. A failed write is repaired by the next beat.
    @Override
    public void started(LiveCalls.LiveCall call) {
        Mono.when(
                        redis.run(c -> c.hset(callsKey(self.id()), call.callId(), json(call))),
                        redis.run(c -> c.pexpire(callsKey(self.id()), ttl.toMillis())),
                        redis.run(c -> c.set(ownerKey(call.callId()), self.id(), SetArgs.Builder.ex(OWNER_TTL))))
                .subscribe(done -> { }, error -> { });
    }

    @Override
    public void ended(String callId) {
        redis.run(c -> c.hdel(callsKey(self.id()), callId)).subscribe(done -> { }, error -> { });
    }

    /**
     * One beat: this instance is alive until {@code ttl} from now, with {@code state}; its published
     * calls are made to match {@code live} (read after Redis answered, so a call starting meanwhile is kept).
     */
    public Mono<Void> beat(InstanceState state, Supplier<List<LiveCalls.LiveCall>> live) {
        return Mono.defer(() -> {
            long now = clock.millis();
            String url = self.url() == null ? "" : self.url();
            Map<String, String> meta = Map.of("url", url, "calls", String.valueOf(state.calls()),
                    "capacity", String.valueOf(state.capacity()), "draining", String.valueOf(state.draining()));
            return Mono.when(
                    redis.run(c -> c.zadd(instancesKey(), now + ttl.toMillis(), self.id())),
                    redis.run(c -> c.hset(instanceKey(self.id()), meta)),
                    redis.run(c -> c.pexpire(instanceKey(self.id()), ttl.toMillis())),
                    redis.run(c -> c.zremrangebyscore(instancesKey(), Range.create(Double.NEGATIVE_INFINITY, (double) now))),
                    reconcile(live));
        });
    }

    private Mono<Void> reconcile(Supplier<List<LiveCalls.LiveCall>> live) {
        String key = callsKey(self.id());
        return redis.run(c -> c.hkeys(key).collectList()).flatMap(published -> {
            Map<String, LiveCalls.LiveCall> current = new LinkedHashMap<>();
            live.get().forEach(call -> current.put(call.callId(), call));
            Set<String> stale = new HashSet<>(published);
            stale.removeAll(current.keySet());
            Map<String, String> missing = new LinkedHashMap<>();
            current.forEach((id, call) -> {
                if (!published.contains(id)) {
                    missing.put(id, json(call));
                }
            });
            Mono<?> remove = stale.isEmpty() ? Mono.empty() : redis.run(c -> c.hdel(key, stale.toArray(String[]::new)));
            Mono<?> add = missing.isEmpty() ? Mono.empty() : redis.run(c -> c.hset(key, missing));
            return Mono.when(remove, add).then(redis.run(c -> c.pexpire(key, ttl.toMillis()))).then();
        });
    }

    /** This instance leaves: its entries go at once instead of expiring. */
    public Mono<Void> leave() {
        return Mono.when(
                redis.run(c -> c.zrem(instancesKey(), self.id())),
                redis.run(c -> c.del(instanceKey(self.id()), callsKey(self.id()))));
    }

    /** Every instance alive and its calls; fails when Redis does not answer. */
    public Mono<View> view() {
        long now = clock.millis();
        return redis.run(c -> c.zrangebyscore(instancesKey(), Range.create((double) now, Double.POSITIVE_INFINITY)).collectList())
                .flatMapMany(Flux::fromIterable)
                .flatMap(id -> Mono.zip(hash(instanceKey(id)), hash(callsKey(id)))
                        .flatMap(both -> instance(id, both.getT1()).map(found -> new View(List.of(found), calls(id, both.getT2())))))
                .collectList()
                .map(ClusterCalls::merged);
    }

    /** The instance alive that owns {@code callId}; empty when none does (unknown call, or its instance is gone). */
    public Mono<Owner> owner(String callId) {
        return redis.run(c -> c.get(ownerKey(callId)))
                .flatMap(id -> redis.run(c -> c.hget(instanceKey(id), "url"))
                        .filter(url -> !url.isBlank())
                        .map(url -> new Owner(id, url)));
    }

    private Mono<Map<String, String>> hash(String key) {
        return redis.run(c -> c.hgetall(key).collectMap(KeyValue::getKey, KeyValue::getValue));
    }

    private static Mono<InstanceView> instance(String id, Map<String, String> meta) {
        if (meta.isEmpty()) {
            return Mono.empty();
        }
        return Mono.just(new InstanceView(id, meta.getOrDefault("url", ""), number(meta.get("calls")),
                number(meta.get("capacity")), Boolean.parseBoolean(meta.get("draining"))));
    }

    private static List<ClusterCall> calls(String instance, Map<String, String> stored) {
        List<ClusterCall> calls = new ArrayList<>();
        stored.values().forEach(json -> parse(json).ifPresent(call -> calls.add(ClusterCall.of(call, instance))));
        return calls;
    }

    private static View merged(List<View> views) {
        List<InstanceView> instances = new ArrayList<>();
        List<ClusterCall> calls = new ArrayList<>();
        views.forEach(view -> {
            instances.addAll(view.instances());
            calls.addAll(view.calls());
        });
        instances.sort(Comparator.comparing(InstanceView::id));
        calls.sort(Comparator.comparing(ClusterCall::startedAt));
        return new View(instances, calls);
    }

    private static String json(LiveCalls.LiveCall call) {
        return JSON.writeValueAsString(new Stored(call.callId(), call.streamId(), call.caller(), call.dialled(),
                call.startedAt().toString()));
    }

    private static Optional<LiveCalls.LiveCall> parse(String json) {
        try {
            Stored stored = JSON.readValue(json, Stored.class);
            return Optional.of(new LiveCalls.LiveCall(stored.callId(), stored.streamId(), stored.caller(), stored.dialled(),
                    Instant.parse(stored.startedAt())));
        } catch (RuntimeException unreadable) {
            log.debug("skipping an unreadable call entry: {}", unreadable.toString());
            return Optional.empty();
        }
    }

    private static int number(@Nullable String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String instancesKey() {
        return prefix + ":instances";
    }

    private String instanceKey(String id) {
        return prefix + ":instance:" + id;
    }

    private String callsKey(String id) {
        return prefix + ":instance:" + id + ":calls";
    }

    private String ownerKey(String callId) {
        return prefix + ":call:" + callId + ":owner";
    }
}
