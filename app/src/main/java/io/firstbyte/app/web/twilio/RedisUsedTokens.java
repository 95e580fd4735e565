package io.firstbyte.app.web.twilio;

import io.firstbyte.app.booking.cache.OffLoopLog;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Single use across every instance sharing Redis: one {@code SET <prefix>:calltoken:<id> 1 NX PX
 * <remaining lifetime>}, so of two instances offered the same token exactly one gets it, and the
 * key expires with the token. This instance also remembers what it saw, so a replay to it is
 * refused without asking Redis.
 *
 * <p>When Redis cannot be asked (down, slow past its command timeout, breaker open) the token is
 * accepted on this instance's memory alone, counted in {@code firstbyte.calltokens.redis.fallback}
 * and logged once per outage. Refusing instead would turn a Redis blip into every Twilio call
 * failing, while what the token proves still holds without Redis: its MAC binds it to the signed
 * call sid, caller and dialled number, so a replay reaches only the business the caller dialled,
 * within the token's short lifetime, and only on an instance that has not seen it.
 */
public final class RedisUsedTokens implements UsedTokens {

    private static final Logger log = LoggerFactory.getLogger(RedisUsedTokens.class);

    private final RedisConnector redis;
    private final String keyPrefix;
    private final LocalUsedTokens local;
    private final Counter fallbacks;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public RedisUsedTokens(RedisConnector redis, String keyPrefix, LocalUsedTokens local, Counter fallbacks) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.local = local;
        this.fallbacks = fallbacks;
    }

    @Override
    public Mono<Boolean> firstUse(String id, Duration lifetime) {
        return Mono.defer(() -> {
            if (!local.record(id, lifetime)) {
                return Mono.just(false);
            }
            SetArgs once = SetArgs.Builder.nx().px(Math.max(1, lifetime.toMillis()));
            return redis.run(commands -> commands.set(keyPrefix + ":calltoken:" + id, "1", once))
                    .map("OK"::equals)
                    .defaultIfEmpty(false)
                    .doOnNext(answered -> recovered())
                    .onErrorResume(error -> Mono.fromSupplier(() -> fellBack(error)));
        });
    }

    private boolean fellBack(Throwable error) {
        fallbacks.increment();
        if (degraded.compareAndSet(false, true)) {
            OffLoopLog.warn(log, "Redis unreachable ({}): call tokens are single-use on each instance only until it answers again",
                    error.toString());
        }
        return true;
    }

    private void recovered() {
        if (degraded.compareAndSet(true, false)) {
            OffLoopLog.warn(log, "Redis answers again: call tokens are single-use across instances");
        }
    }
}
