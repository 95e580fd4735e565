package io.firstbyte.app.booking.store;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Availability versions kept in memory, told by PostgreSQL: a trigger announces every version change
 * on channel {@code availability_version} when its transaction commits, and this listener (one
 * dedicated connection) records them. A version is trusted only while the listener is connected
 * and only if it was learnt during the current connection ({@link #epoch()}), so a missed
 * announcement can never leave a stale version behind: on any disconnect everything is forgotten
 * and lookups read versions from the database again until the listener is back.
 */
public final class VersionListener implements AutoCloseable {

    /** Not connected: nothing may be learnt or trusted. */
    public static final long DISCONNECTED = -1;
    private static final int MAX_DAYS = 200_000;

    private record DayKey(UUID tenant, LocalDate day) {
    }

    private final ConnectionFactory factory;
    private final Map<DayKey, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong(DISCONNECTED);
    private final AtomicLong generations = new AtomicLong();
    private @Nullable Disposable subscription;

    public VersionListener(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Starts listening (and reconnecting, 100 ms doubling to 5 s) in the background. */
    public void start() {
        subscription = Flux.usingWhen(Mono.from(factory.create()).cast(PostgresqlConnection.class), this::listen,
                        connection -> Mono.from(connection.close()))
                .doFinally(signal -> forget())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(retry -> forget()))
                .subscribe(ignored -> { }, error -> forget());
    }

    /** The version of a day if it is known for certain right now; null otherwise. */
    public @Nullable Long known(UUID tenant, LocalDate day) {
        return epoch.get() == DISCONNECTED ? null : versions.get(new DayKey(tenant, day));
    }

    /** The current connection's generation, or {@link #DISCONNECTED}; capture it before reading a version. */
    public long epoch() {
        return epoch.get();
    }

    /** Remembers a version read from the database, if the listener has been connected since before the read. */
    public void learn(UUID tenant, LocalDate day, long version, long epochAtRead) {
        if (epochAtRead != DISCONNECTED && epochAtRead == epoch.get()) {
            if (versions.size() > MAX_DAYS) {
                versions.clear();
            }
            versions.merge(new DayKey(tenant, day), version, Math::max);
        }
    }

    private Flux<Notification> listen(PostgresqlConnection connection) {
        return connection.createStatement("LISTEN availability_version").execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .thenMany(Flux.defer(() -> {
                    versions.clear();
                    epoch.set(generations.incrementAndGet());
                    return connection.getNotifications();
                }))
                .doOnNext(this::heard);
    }

    private void heard(Notification notification) {
        String[] parts = notification.getParameter() == null ? new String[0] : notification.getParameter().split(" ");
        if (parts.length == 3) {
            learn(UUID.fromString(parts[0]), LocalDate.parse(parts[1]), Long.parseLong(parts[2]), epoch.get());
        }
    }

    private void forget() {
        epoch.set(DISCONNECTED);
        versions.clear();
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.dispose();
        }
        forget();
    }
}
