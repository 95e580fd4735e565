package io.firstbyte.app.admin;

import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.TimeRange;
import io.r2dbc.spi.Readable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business's staff: name (unique in the business, any case), the services they offer, working hours
 * and breaks per weekday, and time off (date ranges, kept day by day). A staff member is deactivated,
 * never deleted. Each write bumps the tenant's revision in its transaction.
 */
final class StaffStore {

    /** A staff member as a request writes it; {@code services} null leaves what they offer as it is. */
    record Spec(String name, @Nullable List<String> services, Map<DayOfWeek, List<TimeRange>> hours,
                Map<DayOfWeek, List<TimeRange>> breaks, List<Closure> timeOff, @Nullable Boolean active) {

        static final Set<String> FIELDS = Set.of("id", "name", "services", "hours", "breaks", "time_off", "active");

        static Spec read(JsonNode body) {
            Fields fields = Fields.of(body, FIELDS);
            String name = fields.text("name", true, 100);
            List<String> services = Members.read(fields, "services");
            var hours = WeekHours.read(fields, "hours");
            var breaks = WeekHours.read(fields, "breaks");
            List<Closure> timeOff = DateRanges.read(fields, "time_off", 100, 366);
            Boolean active = fields.has("active") && !fields.isNull("active") ? fields.bool("active", true) : null;
            fields.check();
            return new Spec(name, services, hours, breaks, timeOff, active);
        }
    }

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    StaffStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    Mono<UUID> create(UUID tenant, Spec spec) {
        Mono<UUID> created = Sql.requireBusiness(db, tenant).then(db.sql(
                                "insert into staff (tenant_id, name, active) values (:tenant, :name, :active) returning id")
                        .bind("tenant", tenant).bind("name", spec.name()).bind("active", spec.active() == null || spec.active())
                        .map(row -> row.get("id", UUID.class)).one())
                .flatMap(id -> details(tenant, id, spec).then(Sql.bumpRevision(db, tenant)).thenReturn(id));
        return transactions.transactional(created)
                .onErrorMap(error -> ServiceStore.duplicate(error, "a staff member named '" + spec.name() + "'"));
    }

    Mono<Void> replace(UUID tenant, UUID id, Spec spec) {
        Mono<Void> replaced = Sql.bind(db.sql("update staff set name = :name, active = coalesce(:active, active) "
                                + "where tenant_id = :tenant and id = :id")
                        .bind("tenant", tenant).bind("id", id).bind("name", spec.name()), "active", spec.active(), Boolean.class)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(notFound(id))
                        : details(tenant, id, spec).then(Sql.bumpRevision(db, tenant)));
        return transactions.transactional(replaced)
                .onErrorMap(error -> ServiceStore.duplicate(error, "a staff member named '" + spec.name() + "'"));
    }

    Mono<Void> deactivate(UUID tenant, UUID id) {
        return transactions.transactional(db.sql("update staff set active = false where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(notFound(id)) : Sql.bumpRevision(db, tenant)));
    }

    Mono<ObjectNode> view(UUID tenant, UUID id) {
        return db.sql("select id, name, active from staff where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).map(StaffStore::json).one()
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(json -> complete(tenant, json));
    }

    Mono<ArrayNode> list(UUID tenant) {
        return Sql.requireBusiness(db, tenant).thenMany(db.sql("select id, name, active from staff where tenant_id = :tenant "
                        + "order by name").bind("tenant", tenant).map(StaffStore::json).all())
                .concatMap(json -> complete(tenant, json))
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    private Mono<Void> details(UUID tenant, UUID id, Spec spec) {
        return links(tenant, id, spec.services())
                .then(replaceWeek("working_hours", tenant, id, spec.hours()))
                .then(replaceWeek("staff_break", tenant, id, spec.breaks()))
                .then(db.sql("delete from day_off where tenant_id = :tenant and staff_id = :id")
                        .bind("tenant", tenant).bind("id", id).fetch().rowsUpdated())
                .thenMany(Flux.fromIterable(spec.timeOff()).concatMap(range -> Flux.fromStream(range.from().datesUntil(
                        range.to().plusDays(1))).concatMap(day -> db.sql(
                                "insert into day_off (tenant_id, staff_id, day, reason) values (:tenant, :id, :day, :reason)")
                        .bind("tenant", tenant).bind("id", id).bind("day", day).bind("reason", range.reason())
                        .fetch().rowsUpdated())))
                .then();
    }

    private Mono<Void> links(UUID tenant, UUID staff, @Nullable List<String> services) {
        if (services == null) {
            return Mono.empty();
        }
        return Members.resolve(db, tenant, Members.Kind.SERVICE, services).flatMap(ids ->
                db.sql("delete from staff_service where tenant_id = :tenant and staff_id = :staff")
                        .bind("tenant", tenant).bind("staff", staff).fetch().rowsUpdated()
                        .thenMany(Flux.fromIterable(ids).concatMap(service -> db.sql(
                                        "insert into staff_service (tenant_id, staff_id, service_id) values (:tenant, :staff, :service)")
                                .bind("tenant", tenant).bind("staff", staff).bind("service", service).fetch().rowsUpdated()))
                        .then());
    }

    /** {@code table} is working_hours or staff_break (same columns). */
    private Mono<Void> replaceWeek(String table, UUID tenant, UUID staff, Map<DayOfWeek, List<TimeRange>> week) {
        List<Map.Entry<DayOfWeek, TimeRange>> rows = new ArrayList<>();
        week.forEach((day, ranges) -> ranges.forEach(range -> rows.add(Map.entry(day, range))));
        return db.sql("delete from " + table + " where tenant_id = :tenant and staff_id = :staff")
                .bind("tenant", tenant).bind("staff", staff).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(rows).concatMap(row -> db.sql("insert into " + table
                                + " (tenant_id, staff_id, weekday, start_time, end_time) values (:tenant, :staff, :day, :start, :end)")
                        .bind("tenant", tenant).bind("staff", staff).bind("day", (short) row.getKey().getValue())
                        .bind("start", row.getValue().start()).bind("end", row.getValue().end()).fetch().rowsUpdated()))
                .then();
    }

    private Mono<ObjectNode> complete(UUID tenant, ObjectNode json) {
        UUID id = UUID.fromString(json.path("id").asString());
        return Mono.zip(Members.linked(db, tenant, Members.Kind.SERVICE, id), week("working_hours", tenant, id),
                        week("staff_break", tenant, id), timeOff(tenant, id))
                .map(parts -> {
                    json.set("services", parts.getT1());
                    json.set("hours", WeekHours.write(parts.getT2()));
                    json.set("breaks", WeekHours.write(parts.getT3()));
                    json.set("time_off", DateRanges.write(DateRanges.ofDays(parts.getT4())));
                    return json;
                });
    }

    private Mono<Map<DayOfWeek, List<TimeRange>>> week(String table, UUID tenant, UUID staff) {
        return db.sql("select weekday, start_time, end_time from " + table
                        + " where tenant_id = :tenant and staff_id = :staff order by weekday, start_time")
                .bind("tenant", tenant).bind("staff", staff)
                .map(row -> Map.entry(DayOfWeek.of(row.get("weekday", Short.class)),
                        new TimeRange(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))))
                .all()
                .collect(() -> new EnumMap<DayOfWeek, List<TimeRange>>(DayOfWeek.class),
                        (days, entry) -> days.computeIfAbsent(entry.getKey(), d -> new ArrayList<>()).add(entry.getValue()));
    }

    private Mono<List<Closure>> timeOff(UUID tenant, UUID staff) {
        return db.sql("select day, reason from day_off where tenant_id = :tenant and staff_id = :staff order by day")
                .bind("tenant", tenant).bind("staff", staff)
                .map(row -> new Closure(row.get("day", LocalDate.class), row.get("day", LocalDate.class),
                        row.get("reason", String.class)))
                .all().collectList();
    }

    private static ObjectNode json(Readable row) {
        return JsonNodeFactory.instance.objectNode()
                .put("id", row.get("id", UUID.class).toString())
                .put("name", row.get("name", String.class))
                .put("active", Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }

    private static AdminProblem notFound(UUID id) {
        return AdminProblem.notFound("this business has no staff member with id " + id);
    }
}
