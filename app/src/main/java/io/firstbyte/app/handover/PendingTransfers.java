package io.firstbyte.app.handover;

import io.firstbyte.app.booking.cache.OffLoopLog;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The number a call is being handed over to, by call id, for whichever instance the gateway asks next
 * (Twilio asks {@code <Connect>}'s action URL, maybe on another instance than the one that held the
 * stream): {@code SET <prefix>:transfer:<call id> <number> PX <ttl>} in the shared Redis. This instance
 * also remembers it, so while Redis does not answer, a transfer still works when the gateway comes back
 * to the same instance.
 */
public final class PendingTransfers {

    private static final Logger log = LoggerFactory.getLogger(PendingTransfers.class);
    private static final int MAX_LOCAL = 10_000;

    private final RedisConnector redis;
    private final String keyPrefix;
    private final Duration ttl;
    private final Map<String, Local> local = new ConcurrentHashMap<>();

    private record Local(String number, long expiresAtNanos) {
    }

    public PendingTransfers(RedisConnector redis, String keyPrefix, Duration ttl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.ttl = ttl;
    }

    /** Records that call {@code callId} is handed over to {@code number}; never fails. */
    public Mono<Void> record(String callId, String number) {
        return Mono.defer(() -> {
            if (local.size() >= MAX_LOCAL) {
                local.clear();
            }
            local.put(callId, new Local(number, System.nanoTime() + ttl.toNanos()));
            return redis.run(commands -> commands.set(key(callId), number, SetArgs.Builder.px(ttl.toMillis())))
                    .onErrorResume(error -> {
                        OffLoopLog.warn(log, "call {}: the transfer could not be stored in Redis ({}); only this instance "
                                + "knows it", callId, error.toString());
                        return Mono.empty();
                    })
                    .then();
        });
    }

    /** The number call {@code callId} is handed over to; empty when it is not being handed over. */
    public Mono<Optional<String>> find(String callId) {
        return redis.run(commands -> commands.get(key(callId)))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .onErrorResume(error -> Mono.just(Optional.empty()))
                .map(found -> found.or(() -> remembered(callId)));
    }

    private Optional<String> remembered(String callId) {
        Local entry = local.get(callId);
        return entry == null || System.nanoTime() - entry.expiresAtNanos() > 0 ? Optional.empty() : Optional.of(entry.number());
    }

    private String key(String callId) {
        return keyPrefix + ":transfer:" + callId;
    }
}
