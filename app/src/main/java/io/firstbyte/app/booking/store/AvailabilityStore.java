package io.firstbyte.app.booking.store;

import io.firstbyte.app.booking.rules.BusyTimes;
import io.firstbyte.app.booking.rules.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The changing half of availability: busy times and days off in a window, and each day's version. */
public final class AvailabilityStore {

    private final DatabaseClient db;
    private final QueryCounter queries;

    public AvailabilityStore(DatabaseClient db, QueryCounter queries) {
        this.db = db;
        this.queries = queries;
    }

    /** Each day's availability version (0 when nothing ever changed it), from {@code from} to {@code to} inclusive. */
    public Mono<Map<LocalDate, Long>> versions(UUID tenant, LocalDate from, LocalDate to) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.VERSIONS);
            return db.sql("select day, version from availability_version where tenant_id = :tenant and day between :from and :to")
                    .bind("tenant", tenant).bind("from", from).bind("to", to)
                    .map(row -> Map.entry(row.get("day", LocalDate.class), row.get("version", Long.class)))
                    .all()
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        });
    }

    /** Active appointments' blocked ranges and days off touching the local days {@code from}..{@code to}: one query. */
    public Mono<BusyTimes> busy(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
        return query(tenant, zone, from, to).map(AvailabilityStore::busyTimes);
    }

    /**
     * One day's busy times and the availability version they are at, read in one statement (one
     * snapshot), so the version names exactly the state the busy times show.
     */
    public Mono<VersionedBusy> dayAt(UUID tenant, ZoneId zone, LocalDate day) {
        return query(tenant, zone, day, day).map(rows -> new VersionedBusy(rows.stream()
                .filter(row -> row.version() != null).mapToLong(BusyRow::version).max().orElse(0), busyTimes(rows)));
    }

    /** A day's busy times at availability version {@code version}. */
    public record VersionedBusy(long version, BusyTimes busy) {
    }

    private Mono<List<BusyRow>> query(UUID tenant, ZoneId zone, LocalDate from, LocalDate to) {
        Instant windowStart = from.atStartOfDay(zone).toInstant();
        Instant windowEnd = to.plusDays(1).atStartOfDay(zone).toInstant();
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.AVAILABILITY);
            return db.sql("""
                    select staff_id, blocked_from, blocked_until, null::date as day, null::bigint as version from appointment
                     where tenant_id = :tenant and status = 'confirmed'
                       and blocked_until > :windowStart and blocked_from < :windowEnd
                    union all
                    select staff_id, null, null, day, null from day_off
                     where tenant_id = :tenant and day between :from and :to
                    union all
                    select null, null, null, null, version from availability_version
                     where tenant_id = :tenant and day between :from and :to""")
                    .bind("tenant", tenant)
                    .bind("windowStart", windowStart.atOffset(java.time.ZoneOffset.UTC))
                    .bind("windowEnd", windowEnd.atOffset(java.time.ZoneOffset.UTC))
                    .bind("from", from).bind("to", to)
                    .map(row -> new BusyRow(row.get("staff_id", UUID.class), row.get("blocked_from", OffsetDateTime.class),
                            row.get("blocked_until", OffsetDateTime.class), row.get("day", LocalDate.class),
                            row.get("version", Long.class)))
                    .all()
                    .collectList();
        });
    }

    private record BusyRow(@Nullable UUID staffId, @Nullable OffsetDateTime from, @Nullable OffsetDateTime until,
                           @Nullable LocalDate dayOff, @Nullable Long version) {
    }

    private static BusyTimes busyTimes(List<BusyRow> rows) {
        Map<UUID, List<Interval>> blocked = new HashMap<>();
        Map<UUID, Set<LocalDate>> off = new HashMap<>();
        for (BusyRow row : rows) {
            if (row.version() != null) {
                continue;
            }
            if (row.dayOff() != null) {
                off.computeIfAbsent(row.staffId(), id -> new HashSet<>()).add(row.dayOff());
            } else {
                blocked.computeIfAbsent(row.staffId(), id -> new ArrayList<>())
                        .add(new Interval(row.from().toInstant(), row.until().toInstant()));
            }
        }
        return new BusyTimes(blocked, off);
    }
}
