package io.firstbyte.app.booking.store;

import io.firstbyte.app.booking.rules.BusinessCalendar;
import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.rules.TimeRange;
import io.firstbyte.app.tenant.TenantStore;
import io.r2dbc.spi.Readable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Loads an active tenant's catalog: first the tenant row with its revision, then services, staff with
 * their services, hours and breaks, and the business's own hours and closures, as concurrent queries.
 * Reading the revision first means the catalog is never older than the revision it carries.
 */
public final class CatalogStore {

    private record StaffRow(UUID id, String name) {
    }

    private record Link(UUID staffId, UUID serviceId) {
    }

    private record Hours(UUID staffId, DayOfWeek day, TimeRange range, boolean isBreak) {
    }

    private record Opening(DayOfWeek day, TimeRange range) {
    }

    private final DatabaseClient db;
    private final QueryCounter queries;
    private final TenantStore tenants;

    public CatalogStore(DatabaseClient db, QueryCounter queries) {
        this.db = db;
        this.queries = queries;
        this.tenants = new TenantStore(db, queries);
    }

    /** The catalog of the active tenant {@code id}; empty when there is none. */
    public Mono<TenantCatalog> load(UUID id) {
        return tenants.byIdWithRevision(id).flatMap(revised ->
                Mono.zip(services(id), staff(id), links(id), hours(id), calendar(id))
                        .map(rows -> new TenantCatalog(revised.tenant(), rows.getT1(),
                                members(rows.getT2(), rows.getT3(), rows.getT4()), rows.getT5(), revised.revision())));
    }

    private Mono<BusinessCalendar> calendar(UUID tenant) {
        Mono<List<Opening>> hours = list("select weekday, start_time, end_time from business_hours where tenant_id = :tenant",
                tenant, row -> new Opening(DayOfWeek.of(row.get("weekday", Short.class)),
                        new TimeRange(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))));
        Mono<List<Closure>> closures = list("select first_day, last_day, reason from closure where tenant_id = :tenant",
                tenant, row -> new Closure(row.get("first_day", LocalDate.class), row.get("last_day", LocalDate.class),
                        row.get("reason", String.class)));
        return Mono.zip(hours, closures).map(both -> {
            Map<DayOfWeek, List<TimeRange>> week = new HashMap<>();
            both.getT1().forEach(opening -> week.computeIfAbsent(opening.day(), d -> new ArrayList<>()).add(opening.range()));
            week.values().forEach(list -> list.sort(java.util.Comparator.comparing(TimeRange::start)));
            return new BusinessCalendar(week, both.getT2());
        });
    }

    private Mono<List<ServiceInfo>> services(UUID tenant) {
        return list("""
                select id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, price_cents
                from service where tenant_id = :tenant and active""", tenant,
                row -> new ServiceInfo(row.get("id", UUID.class), row.get("name", String.class),
                        row.get("duration_minutes", Integer.class), row.get("buffer_before_minutes", Integer.class),
                        row.get("buffer_after_minutes", Integer.class), row.get("price_cents", Integer.class)));
    }

    private Mono<List<StaffRow>> staff(UUID tenant) {
        return list("select id, name from staff where tenant_id = :tenant and active", tenant,
                row -> new StaffRow(row.get("id", UUID.class), row.get("name", String.class)));
    }

    private Mono<List<Link>> links(UUID tenant) {
        return list("select staff_id, service_id from staff_service where tenant_id = :tenant", tenant,
                row -> new Link(row.get("staff_id", UUID.class), row.get("service_id", UUID.class)));
    }

    private Mono<List<Hours>> hours(UUID tenant) {
        return list("""
                select staff_id, weekday, start_time, end_time, false as is_break from working_hours where tenant_id = :tenant
                union all
                select staff_id, weekday, start_time, end_time, true from staff_break where tenant_id = :tenant""", tenant,
                row -> new Hours(row.get("staff_id", UUID.class), DayOfWeek.of(row.get("weekday", Short.class)),
                        new TimeRange(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class)),
                        Boolean.TRUE.equals(row.get("is_break", Boolean.class))));
    }

    private <T> Mono<List<T>> list(String sql, UUID tenant, java.util.function.Function<Readable, T> mapper) {
        return Mono.defer(() -> {
            queries.count(QueryCounter.Kind.CATALOG);
            return db.sql(sql).bind("tenant", tenant).map(mapper::apply).all().collectList();
        });
    }

    private static List<StaffInfo> members(List<StaffRow> staff, List<Link> links, List<Hours> hours) {
        List<StaffInfo> members = new ArrayList<>();
        for (StaffRow row : staff) {
            Set<UUID> offered = new HashSet<>();
            links.stream().filter(link -> link.staffId().equals(row.id())).forEach(link -> offered.add(link.serviceId()));
            members.add(new StaffInfo(row.id(), row.name(), offered, byDay(hours, row.id(), false),
                    byDay(hours, row.id(), true)));
        }
        return members;
    }

    private static Map<DayOfWeek, List<TimeRange>> byDay(List<Hours> hours, UUID staffId, boolean breaks) {
        Map<DayOfWeek, List<TimeRange>> days = new HashMap<>();
        hours.stream().filter(h -> h.staffId().equals(staffId) && h.isBreak() == breaks)
                .forEach(h -> days.computeIfAbsent(h.day(), d -> new ArrayList<>()).add(h.range()));
        days.values().forEach(list -> list.sort(java.util.Comparator.comparing(TimeRange::start)));
        return days;
    }
}
