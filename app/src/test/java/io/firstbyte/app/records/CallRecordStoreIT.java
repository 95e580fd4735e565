package io.firstbyte.app.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.booking.store.PostgresPool;
import io.firstbyte.app.embedded.StartupSeed;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.scheduler.Schedulers;

/** Call records in a real PostgreSQL: written in batches, listed with filters page by page, read whole, and expired. */
class CallRecordStoreIT {

    private static final Instant NOW = Instant.parse("2026-12-05T18:00:00Z");
    private static final UUID DEMO = UUID.fromString(StartupSeed.DEMO_TENANT_ID);
    private static final UUID OTHER = StartupSeed.synthetic(1).tenantId();

    private static ItDatabase database;
    private static ConnectionPool pool;
    private static CallRecordStore store;

    @BeforeAll
    static void open() {
        database = ItDatabase.create(Clock.fixed(NOW, ZoneOffset.UTC));
        pool = PostgresPool.create(database.address(), new PostgresPool.Settings(4, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
        store = new CallRecordStore(DatabaseClient.create(pool));
    }

    @AfterAll
    static void close() {
        pool.dispose();
        database.close();
    }

    @BeforeEach
    void empty() {
        database.execute("delete from call_record");
    }

    private static CallRecord call(String callId, UUID tenant, String caller, Instant start, String endReason) {
        CallRecord.Turn turn = new CallRecord.Turn(1, "Anything on Tuesday?", "Ten is free.", true,
                List.of(new CallRecord.ToolCall("check_availability", "{\"date\":\"2026-12-08\"}", "{\"slots\":[\"10:00\"]}", 310.5, 12.25)),
                new CallRecord.Latency(812.4, 21.3, 180.0, 402.1, 510.9));
        return new CallRecord(UUID.randomUUID(), callId, tenant, "twilio", caller, "+15550100100", start,
                start.plusSeconds(90), endReason, List.of(turn));
    }

    @Test
    void aBatchIsWrittenAndEachCallReadBackWithItsWholeTranscript() {
        CallRecord first = call("CA1", DEMO, "+15550001111", NOW.minusSeconds(600), "caller");
        CallRecord noTenant = new CallRecord(UUID.randomUUID(), "CA2", null, "audiosocket", null, null, NOW.minusSeconds(300),
                NOW.minusSeconds(200), "error", List.of());
        store.insert(List.of(first, noTenant)).block();

        assertThat(store.find(first.id()).block()).isEqualTo(first);
        assertThat(store.findByCallId("CA2").block()).isEqualTo(noTenant);
        assertThat(store.find(UUID.randomUUID()).blockOptional()).isEmpty();
    }

    @Test
    void listsNewestFirstFilteredByTenantTimeEndReasonCallerAndEitherNumber() {
        store.insert(List.of(
                call("CA1", DEMO, "+15550001111", NOW.minusSeconds(4000), "caller"),
                call("CA2", DEMO, "+15550002222", NOW.minusSeconds(3000), "error"),
                call("CA3", OTHER, "+15550001111", NOW.minusSeconds(2000), "caller"),
                call("CA4", DEMO, "+15550001111", NOW.minusSeconds(1000), "max-duration"))).block();

        assertThat(ids(new CallQuery(null, null, null, null, null, null, 50))).containsExactly("CA4", "CA3", "CA2", "CA1");
        assertThat(ids(new CallQuery(DEMO, null, null, null, null, null, 50))).containsExactly("CA4", "CA2", "CA1");
        assertThat(ids(new CallQuery(null, NOW.minusSeconds(3000), NOW.minusSeconds(1000), null, null, null, 50)))
                .as("from inclusive, to exclusive").containsExactly("CA3", "CA2");
        assertThat(ids(new CallQuery(null, null, null, "caller", null, null, 50))).containsExactly("CA3", "CA1");
        assertThat(ids(new CallQuery(DEMO, null, null, null, "+15550001111", null, 50))).containsExactly("CA4", "CA1");
        assertThat(ids(new CallQuery(null, null, null, null, null, null, 50, "+15550002222"))).as("the caller's number")
                .containsExactly("CA2");
        assertThat(ids(new CallQuery(OTHER, null, null, null, null, null, 50, "+15550100100"))).as("the dialled number")
                .containsExactly("CA3");
        assertThat(store.list(new CallQuery(null, null, null, null, null, null, 50)).block().calls().getFirst().turns())
                .isEqualTo(1);
    }

    @Test
    void pagesFollowOneAnotherByCursorWithoutGapsOrRepeats() {
        List<CallRecord> calls = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            // two calls share each start second: the cursor must tell them apart by id
            calls.add(call("CA" + n, DEMO, "+15550001111", NOW.minusSeconds(100 - n / 2), "caller"));
        }
        store.insert(calls).block();

        List<String> seen = new ArrayList<>();
        CallQuery.Cursor after = null;
        int pages = 0;
        do {
            CallSummary.Page page = store.list(new CallQuery(DEMO, null, null, null, null, after, 3)).block();
            page.calls().forEach(summary -> seen.add(summary.callId()));
            after = page.next() == null ? null : CallQuery.Cursor.decode(page.next()).orElseThrow();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void retentionDeletesTheCallsThatEndedBeforeItAndKeepsTheRest() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        store.insert(List.of(
                call("CA-old-1", DEMO, "+15550001111", now.minus(Duration.ofDays(45)), "caller"),
                call("CA-old-2", DEMO, "+15550001111", now.minus(Duration.ofDays(31)), "caller"),
                call("CA-old-3", null, "+15550001111", now.minus(Duration.ofDays(40)), "error"),
                call("CA-recent", DEMO, "+15550001111", now.minus(Duration.ofDays(29)), "caller"))).block();

        CallRecordRetention retention = new CallRecordRetention(store, Duration.ofDays(30), Duration.ofHours(1), 2,
                Clock.fixed(now, ZoneOffset.UTC), Schedulers.parallel());

        assertThat(retention.sweep().block()).isEqualTo(3);
        assertThat(ids(new CallQuery(null, null, null, null, null, null, 50))).containsExactly("CA-recent");
    }

    private static List<String> ids(CallQuery query) {
        return store.list(query).block().calls().stream().map(CallSummary::callId).toList();
    }
}
