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
 * (Twilio asks {@code <Connect>}'s action URL, jambonz the listen's actionHook, an Asterisk dial plan
 * {@code /asterisk/after-stream}, maybe on another instance than the one that held the stream): {@code SET <prefix>:transfer:<call id> <number> PX <ttl>} in the shared Redis. This instance
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
        return claim(callId, number).then();
    }

    /**
     * Records that call {@code callId} is handed over to {@code number} unless a hand-over is already
     * recorded for it ({@code SET … NX}): true only for the first, so a repeated hand-over (a retry, a
     * second instance) does not tell the gateway to dial again. The shared Redis decides; while it does
     * not answer, this instance's memory does. Never fails.
     */
    public Mono<Boolean> claim(String callId, String number) {
        return Mono.defer(() -> {
            if (local.size() >= MAX_LOCAL) {
                local.clear();
            }
            long now = System.nanoTime();
            Local mine = new Local(number, now + ttl.toNanos());
            Local kept = local.compute(callId, (id, old) -> old == null || now - old.expiresAtNanos() > 0 ? mine : old);
            boolean firstHere = kept == mine;
            return redis.run(commands -> commands.set(key(callId), number, SetArgs.Builder.nx().px(ttl.toMillis())))
                    .map("OK"::equals)
                    .defaultIfEmpty(false)
                    .onErrorResume(error -> {
                        OffLoopLog.warn(log, "call {}: the transfer could not be stored in Redis ({}); only this instance "
                                + "knows it", callId, error.toString());
                        return Mono.just(firstHere);
                    });
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
