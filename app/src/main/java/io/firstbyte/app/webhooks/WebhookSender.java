package io.firstbyte.app.webhooks;

import io.firstbyte.app.booking.cache.OffLoopLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Delivers the outbox: every {@code pollEvery} (and at once when {@link #nudge nudged}) it claims the
 * due deliveries, signs each with its business's current secret and POSTs it to its current URL. A 2xx
 * answer delivers it; anything else (another status, a timeout, no connection) schedules it again after
 * the {@link Backoff}, until its attempts run out and it is given up. Nothing here is on a call's path:
 * a delivery that fails, or an outbox that cannot be read, affects no call and no booking. Time comes
 * from {@code scheduler}, so retries are tested in virtual time.
 */
public final class WebhookSender implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    /** A claimed delivery is held this long beyond its timeout before another sender may take it. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final int CONCURRENCY = 8;

    /** How a delivery attempt ended, for the meters. */
    public enum Outcome { DELIVERED, RETRY, GAVE_UP }

    private final Outbox outbox;
    private final WebhookClient client;
    private final Backoff backoff;
    private final Duration pollEvery;
    private final Duration timeout;
    private final int batch;
    private final Scheduler scheduler;
    private final BiConsumer<String, Outcome> outcomes;
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean outboxDown = new AtomicBoolean();
    private volatile @Nullable Disposable running;

    public WebhookSender(Outbox outbox, WebhookClient client, Backoff backoff, Duration pollEvery, Duration timeout,
                         int batch, Scheduler scheduler, BiConsumer<String, Outcome> outcomes) {
        this.outbox = outbox;
        this.client = client;
        this.backoff = backoff;
        this.pollEvery = pollEvery;
        this.timeout = timeout;
        this.batch = batch;
        this.scheduler = scheduler;
        this.outcomes = outcomes;
    }

    /** Starts polling; one round runs at a time, and a failed round is logged (once per outage) and the next one runs. */
    public synchronized void start() {
        if (running != null) {
            return;
        }
        running = Flux.merge(Flux.interval(Duration.ZERO, pollEvery, scheduler), nudges.asFlux())
                .onBackpressureDrop()
                .concatMap(tick -> round()
                        .doOnNext(count -> {
                            if (outboxDown.compareAndSet(true, false)) {
                                OffLoopLog.warn(log, "webhook outbox readable again; deliveries go on");
                            }
                        })
                        .onErrorResume(error -> {
                            if (outboxDown.compareAndSet(false, true)) {
                                OffLoopLog.warn(log, "webhook outbox could not be read ({}); trying again every {} ms",
                                        error.toString(), pollEvery.toMillis());
                            }
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    /** Asks for a round now (an event was just written), instead of at the next poll. */
    public void nudge() {
        nudges.tryEmitNext(true);
    }

    /** One round: every due delivery claimed and attempted once; completes with how many there were. */
    Mono<Long> round() {
        Instant now = now();
        return outbox.claimDue(now, batch, now.plus(timeout).plus(LEASE_MARGIN))
                .flatMap(this::attempt, CONCURRENCY)
                .count();
    }

    private Mono<Void> attempt(Delivery delivery) {
        return outbox.target(delivery.tenant())
                .flatMap(target -> target.isEmpty()
                        ? finish(delivery, Outcome.GAVE_UP, "the business has no webhook URL any more")
                        : send(delivery, target.get()));
    }

    private Mono<Void> send(Delivery delivery, WebhookTarget target) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Firstbyte-Event", delivery.event());
        headers.put("Firstbyte-Event-Id", delivery.id().toString());
        if (target.secret() != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.header(target.secret(), now().getEpochSecond(), body));
        }
        return Mono.defer(() -> client.post(target.url(), headers, body))
                .timeout(timeout, scheduler)
                .map(status -> status >= 200 && status < 300 ? "" : "HTTP " + status)
                .onErrorResume(error -> Mono.just(describe(error)))
                .flatMap(error -> error.isEmpty() ? finish(delivery, Outcome.DELIVERED, "")
                        : finish(delivery, backoff.exhausted(delivery.attempts() + 1) ? Outcome.GAVE_UP : Outcome.RETRY, error));
    }

    private Mono<Void> finish(Delivery delivery, Outcome outcome, String error) {
        int attempts = delivery.attempts() + 1;
        Instant now = now();
        outcomes.accept(delivery.event(), outcome);
        return switch (outcome) {
            case DELIVERED -> outbox.delivered(delivery, now);
            case RETRY -> outbox.retry(delivery, attempts, now.plus(backoff.after(attempts)), error);
            case GAVE_UP -> {
                OffLoopLog.warn(log, "webhook {} {} of business {} given up after {} attempts: {}", delivery.event(),
                        delivery.id(), delivery.tenant(), attempts, error);
                yield outbox.gaveUp(delivery, attempts, now, error);
            }
        };
    }

    private String describe(Throwable error) {
        String text = error instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms" : error.toString();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private Instant now() {
        return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }

    @Override
    public synchronized void dispose() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isDisposed() {
        Disposable current = running;
        return current == null || current.isDisposed();
    }
}
