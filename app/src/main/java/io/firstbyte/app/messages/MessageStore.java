package io.firstbyte.app.messages;

import io.firstbyte.app.webhooks.WebhookEvents;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Messages in PostgreSQL. Taking one is a single statement that stores it and, when the business has a
 * webhook URL, its {@code message.taken} event in the outbox: both or neither. The same tool call
 * stored again stores nothing and answers the first one's id.
 */
public final class MessageStore {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, call_id, caller_number, caller_name, body, summary, created_at, handled_at";
    private static final String TAKE = """
            with m as (
                insert into message (tenant_id, call_id, tool_call_id, caller_number, caller_name, body, summary)
                values (:tenant, :call, :toolCall, :number, :name, :body, :summary)
                on conflict (tenant_id, call_id, tool_call_id) do nothing
                returning *),
            o as (
                insert into webhook_outbox (id, tenant_id, event, payload)
                select e.id, t.id, :event, %s
                from m join tenant t on t.id = m.tenant_id, (select gen_random_uuid() as id) e
                where t.webhook_url is not null
                returning id)
            select m.id, (select count(*) from o) as queued from m""".formatted(WebhookEvents.envelope(
            "json_build_object('message_id', m.id, 'call_id', m.call_id, 'caller_number', m.caller_number, "
                    + "'caller_name', m.caller_name, 'message', m.body, 'summary', m.summary)"));

    /** A message stored (or found stored) and whether a webhook event was queued with it. */
    public record Taken(UUID id, boolean queued) {
    }

    private final DatabaseClient db;

    public MessageStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Taken> take(NewMessage message) {
        var insert = db.sql(TAKE).bind("tenant", message.tenant()).bind("call", message.callId())
                .bind("toolCall", message.toolCallId()).bind("body", message.body()).bind("summary", message.summary())
                .bind("event", WebhookEvents.MESSAGE_TAKEN);
        insert = optional(optional(insert, "number", message.callerNumber()), "name", message.callerName());
        return insert.map(row -> new Taken(row.get("id", UUID.class), row.get("queued", Long.class) > 0)).one()
                .switchIfEmpty(Mono.defer(() -> db.sql("select id from message where tenant_id = :tenant and call_id = :call "
                                + "and tool_call_id = :toolCall")
                        .bind("tenant", message.tenant()).bind("call", message.callId()).bind("toolCall", message.toolCallId())
                        .map(row -> new Taken(row.get("id", UUID.class), false)).one()));
    }

    /** The business's messages, newest first: open ones, handled ones, or all ({@code handled} null). */
    public Mono<ArrayNode> list(UUID tenant, @Nullable Boolean handled, int limit) {
        String filter = handled == null ? "" : handled ? " and handled_at is not null" : " and handled_at is null";
        return db.sql("select " + COLUMNS + " from message where tenant_id = :tenant" + filter
                        + " order by created_at desc, id limit :limit")
                .bind("tenant", tenant).bind("limit", limit)
                .map(MessageStore::view).all()
                .collect(JSON::createArrayNode, ArrayNode::add);
    }

    /** Marks a message handled (once: a repeat keeps the first time); empty when the business has no such message. */
    public Mono<ObjectNode> markHandled(UUID tenant, UUID id) {
        return db.sql("update message set handled_at = coalesce(handled_at, now()) where tenant_id = :tenant and id = :id "
                        + "returning " + COLUMNS)
                .bind("tenant", tenant).bind("id", id).map(MessageStore::view).one();
    }

    public Mono<Boolean> businessExists(UUID tenant) {
        return db.sql("select 1 from tenant where id = :tenant").bind("tenant", tenant).map(row -> true).one()
                .defaultIfEmpty(false);
    }

    private static ObjectNode view(Readable row) {
        ObjectNode view = JSON.createObjectNode()
                .put("id", row.get("id", UUID.class).toString())
                .put("created_at", utc(row.get("created_at", OffsetDateTime.class)))
                .put("call_id", row.get("call_id", String.class))
                .put("caller_number", row.get("caller_number", String.class))
                .put("caller_name", row.get("caller_name", String.class))
                .put("message", row.get("body", String.class))
                .put("summary", row.get("summary", String.class));
        OffsetDateTime handled = row.get("handled_at", OffsetDateTime.class);
        return view.put("handled", handled != null).put("handled_at", handled == null ? null : utc(handled));
    }

    private static String utc(@Nullable OffsetDateTime time) {
        return time == null ? "" : time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }

    private static DatabaseClient.GenericExecuteSpec optional(DatabaseClient.GenericExecuteSpec spec, String name,
                                                             @Nullable String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
