package io.firstbyte.app.admin;

import io.firstbyte.app.booking.store.SqlStates;
import io.r2dbc.spi.Readable;
import java.util.List;
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
 * A business's services: name (unique in the business, any case), duration, buffers, price in cents of
 * the business's currency, and which staff offer it. A service is deactivated, never deleted (its
 * bookings keep pointing at it). Each write bumps the tenant's revision in its transaction.
 */
final class ServiceStore {

    /** A service as a request writes it; {@code staff} null leaves who offers it as it is. */
    record Spec(String name, int minutes, int bufferBefore, int bufferAfter, int priceCents, @Nullable List<String> staff,
                @Nullable Boolean active) {

        static final Set<String> FIELDS = Set.of("id", "name", "duration_minutes", "buffer_before_minutes",
                "buffer_after_minutes", "price_cents", "staff", "active");

        static Spec read(JsonNode body) {
            Fields fields = Fields.of(body, FIELDS);
            String name = fields.text("name", true, 100);
            if (!fields.has("duration_minutes")) {
                fields.problem("duration_minutes is required");
            }
            int minutes = fields.integer("duration_minutes", 5, 720, 30);
            int before = fields.integer("buffer_before_minutes", 0, 240, 0);
            int after = fields.integer("buffer_after_minutes", 0, 240, 0);
            int price = fields.integer("price_cents", 0, 100_000_000, 0);
            List<String> staff = Members.read(fields, "staff");
            Boolean active = fields.has("active") && !fields.isNull("active") ? fields.bool("active", true) : null;
            fields.check();
            return new Spec(name, minutes, before, after, price, staff, active);
        }
    }

    private static final String COLUMNS = "id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, "
            + "price_cents, active";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    ServiceStore(DatabaseClient db, TransactionalOperator transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    Mono<UUID> create(UUID tenant, Spec spec) {
        Mono<UUID> created = Sql.requireBusiness(db, tenant).then(db.sql("""
                        insert into service (tenant_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                            price_cents, active)
                        values (:tenant, :name, :minutes, :before, :after, :price, :active) returning id""")
                        .bind("tenant", tenant).bind("name", spec.name()).bind("minutes", spec.minutes())
                        .bind("before", spec.bufferBefore()).bind("after", spec.bufferAfter()).bind("price", spec.priceCents())
                        .bind("active", spec.active() == null || spec.active())
                        .map(row -> row.get("id", UUID.class)).one())
                .flatMap(id -> links(tenant, id, spec.staff()).then(Sql.bumpRevision(db, tenant)).thenReturn(id));
        return transactions.transactional(created).onErrorMap(error -> duplicate(error, "a service named '" + spec.name() + "'"));
    }

    Mono<Void> replace(UUID tenant, UUID id, Spec spec) {
        Mono<Void> replaced = Sql.bind(db.sql("""
                        update service set name = :name, duration_minutes = :minutes, buffer_before_minutes = :before,
                            buffer_after_minutes = :after, price_cents = :price, active = coalesce(:active, active)
                        where tenant_id = :tenant and id = :id""")
                        .bind("tenant", tenant).bind("id", id).bind("name", spec.name()).bind("minutes", spec.minutes())
                        .bind("before", spec.bufferBefore()).bind("after", spec.bufferAfter()).bind("price", spec.priceCents()),
                        "active", spec.active(), Boolean.class)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(notFound(id))
                        : links(tenant, id, spec.staff()).then(Sql.bumpRevision(db, tenant)));
        return transactions.transactional(replaced).onErrorMap(error -> duplicate(error, "a service named '" + spec.name() + "'"));
    }

    Mono<Void> deactivate(UUID tenant, UUID id) {
        return transactions.transactional(db.sql("update service set active = false where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(notFound(id)) : Sql.bumpRevision(db, tenant)));
    }

    Mono<ObjectNode> view(UUID tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from service where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).map(ServiceStore::json).one()
                .switchIfEmpty(Mono.error(() -> notFound(id)))
                .flatMap(json -> withStaff(tenant, json));
    }

    Mono<ArrayNode> list(UUID tenant) {
        return Sql.requireBusiness(db, tenant).thenMany(db.sql("select " + COLUMNS + " from service where tenant_id = :tenant "
                        + "order by name").bind("tenant", tenant).map(ServiceStore::json).all())
                .concatMap(json -> withStaff(tenant, json))
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    private Mono<Void> links(UUID tenant, UUID service, @Nullable List<String> staff) {
        if (staff == null) {
            return Mono.empty();
        }
        return Members.resolve(db, tenant, Members.Kind.STAFF, staff).flatMap(ids ->
                db.sql("delete from staff_service where tenant_id = :tenant and service_id = :service")
                        .bind("tenant", tenant).bind("service", service).fetch().rowsUpdated()
                        .thenMany(Flux.fromIterable(ids).concatMap(member -> db.sql(
                                        "insert into staff_service (tenant_id, staff_id, service_id) values (:tenant, :staff, :service)")
                                .bind("tenant", tenant).bind("staff", member).bind("service", service).fetch().rowsUpdated()))
                        .then());
    }

    private Mono<ObjectNode> withStaff(UUID tenant, ObjectNode json) {
        return Members.linked(db, tenant, Members.Kind.STAFF, UUID.fromString(json.path("id").asString()))
                .map(staff -> {
                    json.set("staff", staff);
                    return json;
                });
    }

    private static ObjectNode json(Readable row) {
        return JsonNodeFactory.instance.objectNode()
                .put("id", row.get("id", UUID.class).toString())
                .put("name", row.get("name", String.class))
                .put("duration_minutes", row.get("duration_minutes", Integer.class))
                .put("buffer_before_minutes", row.get("buffer_before_minutes", Integer.class))
                .put("buffer_after_minutes", row.get("buffer_after_minutes", Integer.class))
                .put("price_cents", row.get("price_cents", Integer.class))
                .put("active", Boolean.TRUE.equals(row.get("active", Boolean.class)));
    }

    private static AdminProblem notFound(UUID id) {
        return AdminProblem.notFound("this business has no service with id " + id);
    }

    /** A unique violation as the 409 it is ("this business already has {@code what}"). */
    static Throwable duplicate(Throwable error, String what) {
        return SqlStates.is(error, SqlStates.UNIQUE_VIOLATION) ? AdminProblem.conflict("this business already has " + what)
                : error;
    }
}
