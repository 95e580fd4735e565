package io.firstbyte.app.admin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The other side of the staff-service relation as a request names it: a list of ids or names (any
 * case) of the business's staff or services, resolved to ids; an unknown one is a 400.
 */
final class Members {

    /** Which table the names are looked up in. */
    enum Kind {
        STAFF("staff", "staff member"),
        SERVICE("service", "service");

        final String table;
        final String noun;

        Kind(String table, String noun) {
            this.table = table;
            this.noun = noun;
        }
    }

    private Members() {
    }

    /** The names or ids in the request's {@code field}; null when the field is absent (the relation stays as it is). */
    static @Nullable List<String> read(Fields fields, String field) {
        if (!fields.has(field) || fields.isNull(field)) {
            return fields.isNull(field) ? List.of() : null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : fields.array(field, 200)) {
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > 100) {
                fields.problem(field + " must list ids or names");
            } else {
                names.add(item.asString().strip());
            }
        }
        return names;
    }

    static Mono<Set<UUID>> resolve(DatabaseClient db, UUID tenant, Kind kind, List<String> wanted) {
        if (wanted.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("select id, name from " + kind.table + " where tenant_id = :tenant").bind("tenant", tenant)
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("name", String.class)))
                .all().collectList()
                .flatMap(known -> {
                    Set<UUID> ids = new LinkedHashSet<>();
                    List<String> unknown = new ArrayList<>();
                    for (String name : wanted) {
                        known.stream().filter(entry -> entry.getKey().toString().equals(name)
                                        || entry.getValue().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                                .findFirst().ifPresentOrElse(entry -> ids.add(entry.getKey()), () -> unknown.add(name));
                    }
                    return unknown.isEmpty() ? Mono.just(ids) : Mono.error(AdminProblem.invalid("this business has no "
                            + kind.noun + " " + String.join(", ", unknown.stream().map(Members::quoted).toList())));
                });
    }

    /** [{"id": ..., "name": ...}] of the linked rows. */
    static Mono<ArrayNode> linked(DatabaseClient db, UUID tenant, Kind kind, UUID other) {
        String sql = kind == Kind.STAFF
                ? "select s.id, s.name from staff s join staff_service l on l.tenant_id = s.tenant_id and l.staff_id = s.id "
                        + "where s.tenant_id = :tenant and l.service_id = :other order by s.name"
                : "select s.id, s.name from service s join staff_service l on l.tenant_id = s.tenant_id and l.service_id = s.id "
                        + "where s.tenant_id = :tenant and l.staff_id = :other order by s.name";
        return db.sql(sql).bind("tenant", tenant).bind("other", other)
                .map(row -> JsonNodeFactory.instance.objectNode().put("id", row.get("id", UUID.class).toString())
                        .put("name", row.get("name", String.class)))
                .all()
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    private static String quoted(String name) {
        return name.matches("[\\p{L}\\p{N} .'&/-]{1,60}") ? "'" + name + "'" : "(an unreadable name)";
    }
}
