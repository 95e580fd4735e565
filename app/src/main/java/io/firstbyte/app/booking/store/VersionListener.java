package io.firstbyte.app.booking.store;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * and lookups read versions from the database again until the listener is back. A heartbeat finds a
 * connection that died without closing within two {@link #HEARTBEAT}s.
 *
 * <p>Apart from that, it keeps each day's <em>floor</em>: the highest version this instance has seen
 * by any means (heard, read, committed, or served). Versions only grow, so the floor is never
 * forgotten on a disconnect, and no answer below it may be served: that is what keeps this
 * instance's offers monotonic.
 *
 * <p>The same connection hears channel {@code tenant_revision}: an administrative change of a tenant
 * (its hours, staff, services, numbers, keys) committed. Each one is handed to the
 * {@link #onTenantChange} listeners, which drop what this instance holds about that tenant; what was
 * held before a reconnect is keyed by {@link #epoch()} and so forgotten with it.
 */
public final class VersionListener implements AutoCloseable {

    /** Not connected: nothing may be learnt or trusted. */
    public static final long DISCONNECTED = -1;
    private static final int MAX_DAYS = 200_000;
    /** How often the listening connection proves it is alive, and how long it may take to. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private record DayKey(UUID tenant, LocalDate day) {
    }

    private final ConnectionFactory factory;
    private final Map<DayKey, Long> versions = new ConcurrentHashMap<>();
    private final Map<DayKey, Long> floors = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong(DISCONNECTED);
    private final AtomicLong generations = new AtomicLong();
    private final List<Consumer<UUID>> tenantListeners = new CopyOnWriteArrayList<>();
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

    /** Called with a tenant's id whenever a change of that tenant is heard (on the listener's thread: keep it short). */
    public void onTenantChange(Consumer<UUID> listener) {
        tenantListeners.add(listener);
    }

    /** The version of a day if it is known for certain right now; null otherwise. */
    public @Nullable Long known(UUID tenant, LocalDate day) {
        return epoch.get() == DISCONNECTED ? null : versions.get(new DayKey(tenant, day));
    }

    /** The current connection's generation, or {@link #DISCONNECTED}; capture it before reading a version. */
    public long epoch() {
        return epoch.get();
    }

    /** The highest version of the day this instance has seen (0 if none); it never goes down. */
    public long floor(UUID tenant, LocalDate day) {
        return floors.getOrDefault(new DayKey(tenant, day), 0L);
    }

    /** Raises the day's floor to {@code version} (a version seen, in whatever way). */
    public void observe(UUID tenant, LocalDate day, long version) {
        if (floors.size() > MAX_DAYS) {
            LocalDate past = LocalDate.now(ZoneOffset.UTC).minusDays(2);
            floors.keySet().removeIf(key -> key.day().isBefore(past));
            if (floors.size() > MAX_DAYS) {
                floors.clear();
            }
        }
        floors.merge(new DayKey(tenant, day), version, Math::max);
    }

    /**
     * Remembers a version read from the database: as the day's floor always, and as its current
     * version if the listener has been connected since before the read.
     */
    public void learn(UUID tenant, LocalDate day, long version, long epochAtRead) {
        observe(tenant, day, version);
        if (epochAtRead != DISCONNECTED && epochAtRead == epoch.get()) {
            if (versions.size() > MAX_DAYS) {
                versions.clear();
            }
            versions.merge(new DayKey(tenant, day), version, Math::max);
        }
    }

    private Flux<Notification> listen(PostgresqlConnection connection) {
        return Flux.concat(connection.createStatement("LISTEN availability_version").execute(),
                        connection.createStatement("LISTEN tenant_revision").execute())
                .flatMap(PostgresqlResult::getRowsUpdated)
                .thenMany(Flux.defer(() -> {
                    versions.clear();
                    epoch.set(generations.incrementAndGet());
                    return connection.getNotifications().mergeWith(heartbeat(connection));
                }))
                .doOnNext(this::heard);
    }

    /**
     * A round trip on the listening connection every {@link #HEARTBEAT}; one that takes longer than
     * {@link #HEARTBEAT} fails the connection, so a listener that went deaf without a close (a dead
     * host, a cut network) stops being trusted within two heartbeats instead of when TCP gives up.
     */
    private static Flux<Notification> heartbeat(PostgresqlConnection connection) {
        return Mono.delay(HEARTBEAT)
                .then(Flux.from(connection.createStatement("select 1").execute())
                        .flatMap(PostgresqlResult::getRowsUpdated).then()
                        .timeout(HEARTBEAT))
                .repeat()
                .thenMany(Flux.empty());
    }

    private void heard(Notification notification) {
        if ("tenant_revision".equals(notification.getName())) {
            String payload = notification.getParameter();
            if (payload != null && payload.indexOf(' ') == 36) {
                UUID tenant = UUID.fromString(payload.substring(0, 36));
                tenantListeners.forEach(listener -> listener.accept(tenant));
            }
            return;
        }
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
