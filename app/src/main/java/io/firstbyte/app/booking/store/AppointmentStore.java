package io.firstbyte.app.booking.store;

import io.firstbyte.app.booking.rules.Interval;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appointment reads and writes. Each write is one READ COMMITTED transaction that also bumps the
 * availability version of every local day it touches, so cached slots of those days stop being
 * served the moment it commits. Overlaps are refused by the database's exclusion constraint
 * (SQLSTATE 23P01), which callers turn into alternatives. A write made under an
 * {@link IdempotencyClaim} records its booking in the claim's idempotency record in the same
 * transaction, and rolls back if the claim was taken over meanwhile: a change is made at most once
 * per key. Cancelling or moving a booking forgets the other keys' answers about it, which are no
 * longer true. Every change is also told to {@link AppointmentChanges} in its transaction.
 */
public final class AppointmentStore {

    private static final String COLUMNS = "id, staff_id, service_id, customer_name, starts_at, ends_at, blocked_from, blocked_until, status";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final QueryCounter queries;
    private final VersionListener versions;
    private final AppointmentChanges changes;

    public AppointmentStore(DatabaseClient db, TransactionalOperator transactions, QueryCounter queries,
                            VersionListener versions) {
        this(db, transactions, queries, versions, AppointmentChanges.NONE);
    }

    /** {@code changes} hears every change in its transaction (the business's webhook events). */
    public AppointmentStore(DatabaseClient db, TransactionalOperator transactions, QueryCounter queries,
                            VersionListener versions, AppointmentChanges changes) {
        this.db = db;
        this.transactions = transactions;
        this.queries = queries;
        this.versions = versions;
        this.changes = changes;
    }

    public Mono<Appointment> find(UUID tenant, UUID id) {
        return read("select " + COLUMNS + " from appointment where tenant_id = :tenant and id = :key", tenant, id);
    }

    /** The appointment if it was booked with {@code customerPhone}; empty for any other. */
    public Mono<Appointment> findOfCustomer(UUID tenant, UUID id, String customerPhone) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_READ);
            return db.sql("select " + COLUMNS + " from appointment where tenant_id = :tenant and id = :id "
                            + "and customer_phone = :phone")
                    .bind("tenant", tenant).bind("id", id).bind("phone", customerPhone)
                    .map(AppointmentStore::appointment).one();
        });
    }

    /**
     * The confirmed appointments booked with {@code customerPhone} that start at or after {@code from},
     * earliest first, at most {@code limit}; with {@code name}, only those whose customer name contains
     * it, ignoring case.
     */
    public Flux<Appointment> upcomingOfCustomer(UUID tenant, String customerPhone, Instant from, @Nullable String name,
                                                int limit) {
        return Flux.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_READ);
            var spec = db.sql("select " + COLUMNS + " from appointment where tenant_id = :tenant "
                            + "and customer_phone = :phone and status = 'confirmed' and starts_at >= :from "
                            + (name == null ? "" : "and position(lower(:name) in lower(customer_name)) > 0 ")
                            + "order by starts_at limit :limit")
                    .bind("tenant", tenant).bind("phone", customerPhone).bind("from", utc(from)).bind("limit", limit);
            return (name == null ? spec : spec.bind("name", name)).map(AppointmentStore::appointment).all();
        });
    }

    public Mono<Appointment> insert(UUID tenant, NewAppointment booking, ZoneId zone, @Nullable IdempotencyClaim claim) {
        Mono<Appointment> insert = Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            var spec = db.sql("""
                    insert into appointment (tenant_id, staff_id, service_id, customer_name, customer_phone,
                        starts_at, ends_at, blocked_from, blocked_until)
                    values (:tenant, :staff, :service, :name, :phone, :start, :end, :blockedFrom, :blockedUntil)
                    returning\s""" + COLUMNS)
                    .bind("tenant", tenant).bind("staff", booking.staffId()).bind("service", booking.serviceId())
                    .bind("name", booking.customerName())
                    .bind("start", utc(booking.start())).bind("end", utc(booking.end()))
                    .bind("blockedFrom", utc(booking.blocked().from())).bind("blockedUntil", utc(booking.blocked().until()));
            spec = booking.customerPhone() == null ? spec.bindNull("phone", String.class) : spec.bind("phone", booking.customerPhone());
            return spec.map(AppointmentStore::appointment).one();
        });
        return write(tenant, bumped -> insert.flatMap(saved -> bindClaim(claim, saved.id())
                .then(bump(tenant, days(zone, saved.blockedFrom(), saved.blockedUntil()), bumped))
                .then(changes.changed(tenant, AppointmentChanges.Change.CONFIRMED, saved)).thenReturn(saved)));
    }

    /**
     * Cancels a confirmed appointment (only if it was booked with {@code customerPhone}, when that is
     * given); empty when the tenant has no such confirmed appointment.
     */
    public Mono<Appointment> cancel(UUID tenant, UUID id, ZoneId zone, @Nullable String customerPhone,
                                    @Nullable IdempotencyClaim claim) {
        Mono<Appointment> update = Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            var spec = db.sql("update appointment set status = 'cancelled', updated_at = now() "
                            + "where tenant_id = :tenant and id = :id and status = 'confirmed' "
                            + (customerPhone == null ? "" : "and customer_phone = :phone ") + "returning " + COLUMNS)
                    .bind("tenant", tenant).bind("id", id);
            return (customerPhone == null ? spec : spec.bind("phone", customerPhone)).map(AppointmentStore::appointment).one();
        });
        return write(tenant, bumped -> update.flatMap(done -> changed(tenant, done.id(), claim)
                .then(bump(tenant, days(zone, done.blockedFrom(), done.blockedUntil()), bumped))
                .then(changes.changed(tenant, AppointmentChanges.Change.CANCELLED, done)).thenReturn(done)));
    }

    /**
     * Moves a confirmed appointment in one statement: it either moves entirely or not at all. The
     * previous state is read under a row lock in the same transaction, so both days are bumped.
     */
    public Mono<Appointment> move(UUID tenant, UUID id, Instant start, Instant end, Interval blocked, ZoneId zone,
                                  @Nullable IdempotencyClaim claim) {
        return write(tenant, bumped -> moveInTransaction(tenant, id, start, end, blocked, zone, bumped)
                .flatMap(moved -> changed(tenant, moved.id(), claim)
                        .then(changes.changed(tenant, AppointmentChanges.Change.RESCHEDULED, moved)).thenReturn(moved)));
    }

    private Mono<Appointment> moveInTransaction(UUID tenant, UUID id, Instant start, Instant end, Interval blocked,
                                                ZoneId zone, Map<LocalDate, Long> bumped) {
        return lockForUpdate(tenant, id).flatMap(before -> Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            return db.sql("update appointment set starts_at = :start, ends_at = :end, blocked_from = :blockedFrom, "
                            + "blocked_until = :blockedUntil, updated_at = now() "
                            + "where tenant_id = :tenant and id = :id and status = 'confirmed' returning " + COLUMNS)
                    .bind("tenant", tenant).bind("id", id).bind("start", utc(start)).bind("end", utc(end))
                    .bind("blockedFrom", utc(blocked.from())).bind("blockedUntil", utc(blocked.until()))
                    .map(AppointmentStore::appointment).one()
                    .flatMap(after -> {
                        Set<LocalDate> touched = days(zone, before.blockedFrom(), before.blockedUntil());
                        touched.addAll(days(zone, after.blockedFrom(), after.blockedUntil()));
                        return bump(tenant, touched, bumped).thenReturn(after);
                    });
        }));
    }

    /**
     * One write transaction; once it has committed, the versions it bumped are remembered at once
     * (this server need not wait for PostgreSQL's announcement of its own change).
     */
    private <T> Mono<T> write(UUID tenant, Function<Map<LocalDate, Long>, Mono<T>> work) {
        return Mono.defer(() -> {
            long epoch = versions.epoch();
            Map<LocalDate, Long> bumped = new ConcurrentHashMap<>();
            return work.apply(bumped).as(transactions::transactional)
                    .doOnSuccess(done -> {
                        bumped.forEach((day, version) -> versions.learn(tenant, day, version, epoch));
                        if (done != null) {
                            changes.committed();
                        }
                    });
        });
    }

    /** Records the claim's booking; the transaction fails (and rolls back) if the claim was taken over. */
    private Mono<Void> bindClaim(@Nullable IdempotencyClaim claim, UUID booking) {
        if (claim == null) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            return db.sql("update idempotency_record set booking_id = :booking "
                            + "where tenant_id = :tenant and key = :key and claim = :claim")
                    .bind("booking", booking).bind("tenant", claim.tenant()).bind("key", claim.key())
                    .bind("claim", claim.token())
                    .fetch().rowsUpdated()
                    .flatMap(rows -> rows == 1 ? Mono.<Void>empty() : Mono.error(new IdempotencyClaim.Lost()));
        });
    }

    /** After a cancel or a move: earlier answers about the booking (under other keys) are stale. */
    private Mono<Void> changed(UUID tenant, UUID booking, @Nullable IdempotencyClaim claim) {
        Mono<Void> forget = Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            var spec = db.sql("delete from idempotency_record where tenant_id = :tenant and booking_id = :booking"
                            + (claim == null ? "" : " and key <> :key"))
                    .bind("tenant", tenant).bind("booking", booking);
            return (claim == null ? spec : spec.bind("key", claim.key())).fetch().rowsUpdated().then();
        });
        return forget.then(bindClaim(claim, booking));
    }

    private Mono<Appointment> lockForUpdate(UUID tenant, UUID id) {
        return read("select " + COLUMNS + " from appointment where tenant_id = :tenant and id = :key "
                + "and status = 'confirmed' for update", tenant, id);
    }

    private Mono<Void> bump(UUID tenant, Set<LocalDate> days, Map<LocalDate, Long> bumped) {
        return Flux.fromIterable(days).concatMap(day -> Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_WRITE);
            return db.sql("""
                    insert into availability_version (tenant_id, day) values (:tenant, :day)
                    on conflict (tenant_id, day) do update set version = availability_version.version + 1
                    returning version""")
                    .bind("tenant", tenant).bind("day", day)
                    .map(row -> row.get("version", Long.class)).one()
                    .doOnNext(version -> bumped.put(day, version));
        })).then();
    }

    private Mono<Appointment> read(String sql, UUID tenant, Object key) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.BOOKING_READ);
            return db.sql(sql).bind("tenant", tenant).bind("key", key).map(AppointmentStore::appointment).one();
        });
    }

    /** The local days a blocked range touches (its end is exclusive). */
    static Set<LocalDate> days(ZoneId zone, Instant from, Instant until) {
        Set<LocalDate> days = new LinkedHashSet<>();
        LocalDate last = until.minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Appointment appointment(Readable row) {
        return new Appointment(row.get("id", UUID.class), row.get("staff_id", UUID.class), row.get("service_id", UUID.class),
                row.get("customer_name", String.class), instant(row, "starts_at"), instant(row, "ends_at"),
                instant(row, "blocked_from"), instant(row, "blocked_until"), row.get("status", String.class));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }
}
