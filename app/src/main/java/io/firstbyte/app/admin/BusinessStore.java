package io.firstbyte.app.admin;

import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.TimeRange;
import io.firstbyte.app.tenant.WebhookSecrets;
import io.r2dbc.spi.Readable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Businesses (tenants) and what belongs to them directly: numbers, hours, closures, the webhook secret.
 * Each write is one transaction that also bumps the tenant's revision. A number answers for one
 * business only: claiming another's is a 409, also when two claims race (the loser's transaction
 * finds the number taken and rolls back).
 */
final class BusinessStore {

    private static final String COLUMNS = "id, name, time_zone, language, currency, slot_minutes, min_notice_minutes, "
            + "horizon_days, greeting, agent_instructions, transfer_number, webhook_url, "
            + "webhook_secret is not null as webhook_secret_set, active, revision";

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final WebhookSecrets secrets;

    BusinessStore(DatabaseClient db, TransactionalOperator transactions, WebhookSecrets secrets) {
        this.db = db;
        this.transactions = transactions;
        this.secrets = secrets;
    }

    Mono<UUID> create(BusinessSpec spec) {
        requireSecretsIfGiven(spec);
        var insert = db.sql("""
                insert into tenant (name, time_zone, slot_minutes, horizon_days, min_notice_minutes, greeting,
                    agent_instructions, language, currency, transfer_number, webhook_url, active)
                values (:name, :zone, :slot, :horizon, :notice, :greeting, :instructions, :language, :currency,
                    :transfer, :webhook, :active)
                returning id""");
        Mono<UUID> created = settings(insert, spec).bind("active", spec.active() == null || spec.active())
                .map(row -> row.get("id", UUID.class)).one()
                .flatMap(id -> details(id, spec).then(Sql.bumpRevision(db, id)).thenReturn(id));
        return transactions.transactional(created);
    }

    Mono<Void> replace(UUID id, BusinessSpec spec) {
        requireSecretsIfGiven(spec);
        var update = db.sql("""
                update tenant set name = :name, time_zone = :zone, slot_minutes = :slot, horizon_days = :horizon,
                    min_notice_minutes = :notice, greeting = :greeting, agent_instructions = :instructions,
                    language = :language, currency = :currency, transfer_number = :transfer, webhook_url = :webhook,
                    active = coalesce(:active, active)
                where id = :id""");
        Mono<Void> replaced = Sql.bind(settings(update, spec).bind("id", id), "active", spec.active(), Boolean.class)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(AdminProblem.notFound("no business with id " + id))
                        : details(id, spec).then(Sql.bumpRevision(db, id)));
        return transactions.transactional(replaced);
    }

    Mono<Void> deactivate(UUID id) {
        Mono<Void> deactivated = db.sql("update tenant set active = false where id = :id").bind("id", id)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(AdminProblem.notFound("no business with id " + id))
                        : Sql.bumpRevision(db, id));
        return transactions.transactional(deactivated);
    }

    /** The business as {@code GET} shows it; empty when there is none. */
    Mono<ObjectNode> view(UUID id) {
        Mono<ObjectNode> tenant = db.sql("select " + COLUMNS + " from tenant where id = :id").bind("id", id)
                .map(BusinessStore::tenant).one();
        return tenant.flatMap(json -> Mono.zip(numbers(id), hours(id), closures(id)).map(parts -> {
            ArrayNode numbers = json.putArray("phone_numbers");
            parts.getT1().forEach(numbers::add);
            json.set("hours", WeekHours.write(parts.getT2()));
            json.set("closures", DateRanges.write(parts.getT3()));
            return json;
        }));
    }

    /** Every business, by name: id, name, zone, whether active, and its numbers. */
    Mono<ArrayNode> list() {
        return db.sql("""
                select t.id, t.name, t.time_zone, t.active, coalesce(array_agg(p.e164 order by p.e164)
                    filter (where p.e164 is not null), '{}') as numbers
                from tenant t left join tenant_phone_number p on p.tenant_id = t.id
                group by t.id order by t.name, t.id""")
                .map(row -> {
                    ObjectNode json = JsonNodeFactory.instance.objectNode()
                            .put("id", row.get("id", UUID.class).toString()).put("name", row.get("name", String.class))
                            .put("time_zone", row.get("time_zone", String.class))
                            .put("active", Boolean.TRUE.equals(row.get("active", Boolean.class)));
                    ArrayNode numbers = json.putArray("phone_numbers");
                    for (String number : row.get("numbers", String[].class)) {
                        numbers.add(number);
                    }
                    return json;
                })
                .all()
                .collect(JsonNodeFactory.instance::arrayNode, ArrayNode::add);
    }

    private static DatabaseClient.GenericExecuteSpec settings(DatabaseClient.GenericExecuteSpec spec, BusinessSpec business) {
        spec = spec.bind("name", business.name()).bind("zone", business.timeZone()).bind("slot", business.slotMinutes())
                .bind("horizon", business.horizonDays()).bind("notice", business.minNoticeMinutes());
        spec = Sql.bind(spec, "greeting", business.greeting(), String.class);
        spec = Sql.bind(spec, "instructions", business.agentInstructions(), String.class);
        spec = Sql.bind(spec, "language", business.language(), String.class);
        spec = Sql.bind(spec, "currency", business.currency(), String.class);
        spec = Sql.bind(spec, "transfer", business.transferNumber(), String.class);
        return Sql.bind(spec, "webhook", business.webhookUrl(), String.class);
    }

    private void requireSecretsIfGiven(BusinessSpec spec) {
        if (spec.webhookSecret() != null && spec.webhookSecret().value() != null && !secrets.enabled()) {
            throw AdminProblem.invalid("webhook_secret cannot be stored: the server has no FIRSTBYTE_CREDENTIALS_KEY "
                    + "(secrets are kept encrypted with it)");
        }
    }

    private Mono<Void> details(UUID id, BusinessSpec spec) {
        return replaceNumbers(id, spec.phoneNumbers()).then(replaceHours(id, spec.hours()))
                .then(replaceClosures(id, spec.closures())).then(secret(id, spec.webhookSecret()));
    }

    private Mono<Void> replaceNumbers(UUID id, List<String> numbers) {
        String[] wanted = numbers.toArray(String[]::new);
        Mono<Void> drop = db.sql("delete from tenant_phone_number where tenant_id = :id and not (e164 = any(:numbers))")
                .bind("id", id).bind("numbers", wanted).fetch().rowsUpdated().then();
        Mono<Void> add = Flux.fromIterable(numbers).concatMap(number -> db.sql(
                        "insert into tenant_phone_number (e164, tenant_id) values (:number, :id) on conflict (e164) do nothing")
                .bind("number", number).bind("id", id).fetch().rowsUpdated()).then();
        Mono<Void> owned = db.sql("select e164 from tenant_phone_number where e164 = any(:numbers) and tenant_id <> :id")
                .bind("numbers", wanted).bind("id", id).map(row -> row.get("e164", String.class)).all().collectList()
                .flatMap(taken -> taken.isEmpty() ? Mono.empty() : Mono.error(AdminProblem.conflict(
                        String.join(", ", taken) + (taken.size() == 1 ? " already answers" : " already answer")
                                + " for another business")));
        return drop.then(add).then(owned);
    }

    private Mono<Void> replaceHours(UUID id, Map<DayOfWeek, List<TimeRange>> hours) {
        List<Object[]> rows = new ArrayList<>();
        hours.forEach((day, ranges) -> ranges.forEach(range -> rows.add(new Object[] {day, range})));
        return db.sql("delete from business_hours where tenant_id = :id").bind("id", id).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(rows).concatMap(row -> db.sql(
                                "insert into business_hours (tenant_id, weekday, start_time, end_time) values (:id, :day, :start, :end)")
                        .bind("id", id).bind("day", (short) ((DayOfWeek) row[0]).getValue())
                        .bind("start", ((TimeRange) row[1]).start()).bind("end", ((TimeRange) row[1]).end())
                        .fetch().rowsUpdated()))
                .then();
    }

    private Mono<Void> replaceClosures(UUID id, List<Closure> closures) {
        return db.sql("delete from closure where tenant_id = :id").bind("id", id).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(closures).concatMap(closure -> db.sql(
                                "insert into closure (tenant_id, first_day, last_day, reason) values (:id, :from, :to, :reason)")
                        .bind("id", id).bind("from", closure.from()).bind("to", closure.to()).bind("reason", closure.reason())
                        .fetch().rowsUpdated()))
                .then();
    }

    private Mono<Void> secret(UUID id, BusinessSpec.@Nullable SecretChange change) {
        if (change == null) {
            return Mono.empty();
        }
        if (change.value() == null) {
            return db.sql("update tenant set webhook_secret = null where id = :id").bind("id", id).fetch().rowsUpdated().then();
        }
        return Mono.fromCallable(() -> secrets.seal(id.toString(), change.value()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sealed -> db.sql("update tenant set webhook_secret = :secret where id = :id")
                        .bind("secret", sealed).bind("id", id).fetch().rowsUpdated())
                .then();
    }

    private Mono<List<String>> numbers(UUID id) {
        return db.sql("select e164 from tenant_phone_number where tenant_id = :id order by e164").bind("id", id)
                .map(row -> row.get("e164", String.class)).all().collectList();
    }

    private Mono<Map<DayOfWeek, List<TimeRange>>> hours(UUID id) {
        return db.sql("select weekday, start_time, end_time from business_hours where tenant_id = :id order by weekday, start_time")
                .bind("id", id)
                .map(row -> Map.entry(DayOfWeek.of(row.get("weekday", Short.class)),
                        new TimeRange(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class))))
                .all()
                .collect(() -> new EnumMap<DayOfWeek, List<TimeRange>>(DayOfWeek.class),
                        (week, entry) -> week.computeIfAbsent(entry.getKey(), d -> new ArrayList<>()).add(entry.getValue()));
    }

    private Mono<List<Closure>> closures(UUID id) {
        return db.sql("select first_day, last_day, reason from closure where tenant_id = :id order by first_day").bind("id", id)
                .map(row -> new Closure(row.get("first_day", LocalDate.class), row.get("last_day", LocalDate.class),
                        row.get("reason", String.class)))
                .all().collectList();
    }

    private static ObjectNode tenant(Readable row) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("id", row.get("id", UUID.class).toString())
                .put("name", row.get("name", String.class))
                .put("time_zone", row.get("time_zone", String.class))
                .put("language", row.get("language", String.class))
                .put("currency", row.get("currency", String.class))
                .put("slot_minutes", row.get("slot_minutes", Integer.class))
                .put("min_notice_minutes", row.get("min_notice_minutes", Integer.class))
                .put("horizon_days", row.get("horizon_days", Integer.class))
                .put("greeting", row.get("greeting", String.class))
                .put("agent_instructions", row.get("agent_instructions", String.class))
                .put("transfer_number", row.get("transfer_number", String.class))
                .put("webhook_url", row.get("webhook_url", String.class))
                .put("webhook_secret_set", Boolean.TRUE.equals(row.get("webhook_secret_set", Boolean.class)))
                .put("active", Boolean.TRUE.equals(row.get("active", Boolean.class)));
        json.put("revision", row.get("revision", Long.class));
        return json;
    }
}
