package io.firstbyte.app.admin;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A business's bookings of one to seven local days, for the whole business or one staff member, with
 * who booked (the caller's name and number as given) in the business's local time, by start time.
 */
final class BookingListing {

    static final int MAX_DAYS = 7;
    private static final int MAX_ROWS = 5000;
    private static final Set<String> STATUSES = Set.of("confirmed", "cancelled", "all");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final DatabaseClient db;
    private final Clock clock;

    BookingListing(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A request's query: {@code date} null is today in the business's zone. */
    record Query(@Nullable LocalDate date, int days, @Nullable String staff, String status) {

        static Query read(@Nullable String date, @Nullable String days, @Nullable String staff, @Nullable String status) {
            LocalDate day = null;
            if (date != null) {
                if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw AdminProblem.invalid("date must be a day as YYYY-MM-DD");
                }
                try {
                    day = LocalDate.parse(date);
                } catch (java.time.format.DateTimeParseException e) {
                    throw AdminProblem.invalid("date must be a day as YYYY-MM-DD");
                }
            }
            int count = 1;
            if (days != null) {
                if (!days.matches("[1-9]")) {
                    throw AdminProblem.invalid("days must be a whole number from 1 to " + MAX_DAYS);
                }
                count = Integer.parseInt(days);
                if (count > MAX_DAYS) {
                    throw AdminProblem.invalid("days must be a whole number from 1 to " + MAX_DAYS);
                }
            }
            String wanted = status == null ? "confirmed" : status;
            if (!STATUSES.contains(wanted)) {
                throw AdminProblem.invalid("status must be confirmed, cancelled or all");
            }
            return new Query(day, count, staff == null || staff.isBlank() ? null : staff.strip(), wanted);
        }
    }

    Mono<ObjectNode> list(UUID tenant, Query query) {
        Mono<ZoneId> zone = db.sql("select time_zone from tenant where id = :id").bind("id", tenant)
                .map(row -> ZoneId.of(row.get("time_zone", String.class))).one()
                .switchIfEmpty(Mono.error(() -> AdminProblem.notFound("no business with id " + tenant)));
        Mono<Set<UUID>> staff = query.staff() == null ? Mono.just(Set.of())
                : Members.resolve(db, tenant, Members.Kind.STAFF, List.of(query.staff()))
                .onErrorMap(AdminProblem.class, error -> AdminProblem.notFound(error.getMessage()));
        return Mono.zip(zone, staff).flatMap(both -> {
            ZoneId tenantZone = both.getT1();
            LocalDate from = query.date() != null ? query.date() : LocalDate.now(clock.withZone(tenantZone));
            LocalDate to = from.plusDays(query.days() - 1);
            UUID member = both.getT2().stream().findFirst().orElse(null);
            return rows(tenant, tenantZone, from, to, member, query.status()).map(bookings -> {
                ObjectNode json = JsonNodeFactory.instance.objectNode().put("business_id", tenant.toString())
                        .put("time_zone", tenantZone.getId()).put("from", from.toString()).put("to", to.toString());
                if (member != null) {
                    json.put("staff_id", member.toString());
                }
                json.set("bookings", bookings);
                return json;
            });
        });
    }

    private Mono<ArrayNode> rows(UUID tenant, ZoneId zone, LocalDate from, LocalDate to, @Nullable UUID staff, String status) {
        var spec = db.sql(("""
                select a.id, a.starts_at, a.ends_at, a.status, a.customer_name, a.customer_phone,
                       s.id as service_id, s.name as service_name, m.id as staff_id, m.name as staff_name
                from appointment a
                join service s on s.tenant_id = a.tenant_id and s.id = a.service_id
                join staff m on m.tenant_id = a.tenant_id and m.id = a.staff_id
                where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to""")
                + (staff == null ? "" : " and a.staff_id = :staff") + (status.equals("all") ? "" : " and a.status = :status")
                + " order by a.starts_at, m.name limit " + MAX_ROWS)
                .bind("tenant", tenant)
                .bind("from", from.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
                .bind("to", to.plusDays(1).atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        if (staff != null) {
            spec = spec.bind("staff", staff);
        }
        if (!status.equals("all")) {
            spec = spec.bind("status", status);
        }
        return spec.map(row -> booking(row, zone)).all()
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    private static ObjectNode booking(Readable row, ZoneId zone) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("id", row.get("id", UUID.class).toString())
                .put("start", LOCAL.format(row.get("starts_at", OffsetDateTime.class).atZoneSameInstant(zone)))
                .put("end", LOCAL.format(row.get("ends_at", OffsetDateTime.class).atZoneSameInstant(zone)))
                .put("status", row.get("status", String.class));
        json.putObject("service").put("id", row.get("service_id", UUID.class).toString())
                .put("name", row.get("service_name", String.class));
        json.putObject("staff").put("id", row.get("staff_id", UUID.class).toString())
                .put("name", row.get("staff_name", String.class));
        return json.put("customer_name", row.get("customer_name", String.class))
                .put("customer_phone", row.get("customer_phone", String.class));
    }
}
