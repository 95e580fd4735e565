package io.firstbyte.app.records;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The call records in PostgreSQL ({@code call_record}): one row per call, its turns as JSON. Writes a
 * whole batch as one multi-row statement; lists newest first by keyset (start, id);
 * deletes what ended before a cut-off in bounded chunks.
 */
public final class CallRecordStore implements CallRecordWriter.Store {

    private static final JsonMapper JSON = CallRecordJson.MAPPER;
    private static final TypeReference<List<CallRecord.Turn>> TURNS = new TypeReference<>() { };
    /** Columns written per record (the statement's parameters per row). */
    private static final int COLUMNS = 11;
    private static final String SUMMARY_COLUMNS =
            "id, call_id, tenant_id, gateway, caller, dialled, started_at, ended_at, end_reason, turn_count";

    private final DatabaseClient db;

    public CallRecordStore(DatabaseClient db) {
        this.db = db;
    }

    /** Writes the whole batch as one multi-row statement: one round trip however many records. */
    @Override
    public Mono<Void> insert(List<CallRecord> batch) {
        if (batch.isEmpty()) {
            return Mono.empty();
        }
        return db.inConnectionMany(connection -> {
            Statement statement = connection.createStatement(insertSql(batch.size()));
            for (int i = 0; i < batch.size(); i++) {
                bind(statement, i * COLUMNS, batch.get(i));
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated);
        }).then();
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("insert into call_record (id, call_id, tenant_id, gateway, caller, dialled, "
                + "started_at, ended_at, end_reason, turn_count, turns) values ");
        for (int row = 0; row < rows; row++) {
            int p = row * COLUMNS;
            sql.append(row == 0 ? "" : ", ").append('(');
            for (int column = 1; column < COLUMNS; column++) {
                sql.append('$').append(p + column).append(", ");
            }
            sql.append("cast($").append(p + COLUMNS).append(" as jsonb))");
        }
        return sql.toString();
    }

    private static void bind(Statement statement, int at, CallRecord record) {
        statement.bind(at, record.id()).bind(at + 1, record.callId());
        bindOrNull(statement, at + 2, record.tenantId(), UUID.class);
        statement.bind(at + 3, record.gateway());
        bindOrNull(statement, at + 4, record.caller(), String.class);
        bindOrNull(statement, at + 5, record.dialled(), String.class);
        statement.bind(at + 6, utc(record.startedAt())).bind(at + 7, utc(record.endedAt())).bind(at + 8, record.endReason())
                .bind(at + 9, record.turns().size()).bind(at + 10, JSON.writeValueAsString(record.turns()));
    }

    private static <T> void bindOrNull(Statement statement, int index, @Nullable T value, Class<T> type) {
        if (value == null) {
            statement.bindNull(index, type);
        } else {
            statement.bind(index, value);
        }
    }

    /** One page of the calls {@code query} selects, newest first. */
    public Mono<CallSummary.Page> list(CallQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        List<String> where = new ArrayList<>();
        where.add("true");
        if (query.tenantId() != null) {
            where.add("tenant_id = :tenant");
            binds.put("tenant", query.tenantId());
        }
        if (query.from() != null) {
            where.add("started_at >= :from");
            binds.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            where.add("started_at < :to");
            binds.put("to", utc(query.to()));
        }
        if (query.endReason() != null) {
            where.add("end_reason = :endReason");
            binds.put("endReason", query.endReason());
        }
        if (query.caller() != null) {
            where.add("caller = :caller");
            binds.put("caller", query.caller());
        }
        if (query.number() != null) {
            where.add("(caller = :number or dialled = :number)");
            binds.put("number", query.number());
        }
        if (query.after() != null) {
            where.add("(started_at, id) < (:afterStart, :afterId)");
            binds.put("afterStart", utc(query.after().startedAt()));
            binds.put("afterId", query.after().id());
        }
        binds.put("limit", query.limit() + 1);
        var spec = db.sql("select " + SUMMARY_COLUMNS + " from call_record where " + String.join(" and ", where)
                + " order by started_at desc, id desc limit :limit");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(CallRecordStore::summary).all().collectList().map(rows -> page(rows, query.limit()));
    }

    private static CallSummary.Page page(List<CallSummary> rows, int limit) {
        if (rows.size() <= limit) {
            return new CallSummary.Page(rows, null);
        }
        CallSummary last = rows.get(limit - 1);
        return new CallSummary.Page(rows.subList(0, limit), new CallQuery.Cursor(last.startedAt(), last.id()).encode());
    }

    /** The whole record of one call, by the record's id. */
    public Mono<CallRecord> find(UUID id) {
        return db.sql("select " + SUMMARY_COLUMNS + ", turns::text as turns from call_record where id = :id")
                .bind("id", id).map(CallRecordStore::record).one();
    }

    /** The whole record of the latest call with this gateway call id (for example a Twilio CallSid). */
    public Mono<CallRecord> findByCallId(String callId) {
        return db.sql("select " + SUMMARY_COLUMNS + ", turns::text as turns from call_record where call_id = :callId "
                        + "order by started_at desc limit 1")
                .bind("callId", callId).map(CallRecordStore::record).one();
    }

    /** Deletes up to {@code limit} records of calls that ended before {@code cutoff}; the number deleted. */
    public Mono<Long> deleteEndedBefore(Instant cutoff, int limit) {
        return db.sql("""
                delete from call_record where id = any(array(
                    select id from call_record where ended_at < :cutoff limit :limit))""")
                .bind("cutoff", utc(cutoff)).bind("limit", limit).fetch().rowsUpdated();
    }

    private static CallSummary summary(Readable row) {
        return new CallSummary(row.get("id", UUID.class), row.get("call_id", String.class), row.get("tenant_id", UUID.class),
                row.get("gateway", String.class), row.get("caller", String.class), row.get("dialled", String.class),
                instant(row, "started_at"), instant(row, "ended_at"), row.get("end_reason", String.class),
                row.get("turn_count", Integer.class));
    }

    private static CallRecord record(Readable row) {
        CallSummary call = summary(row);
        return new CallRecord(call.id(), call.callId(), call.tenantId(), call.gateway(), call.caller(), call.dialled(),
                call.startedAt(), call.endedAt(), call.endReason(), JSON.readValue(row.get("turns", String.class), TURNS));
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
