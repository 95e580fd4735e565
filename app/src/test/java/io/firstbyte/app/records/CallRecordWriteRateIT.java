package io.firstbyte.app.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.ItDatabase;
import io.firstbyte.app.booking.store.PostgresPool;
import io.firstbyte.pipeline.trace.TurnTrace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A measurement, not a check (run with {@code -Dfirstbyte.measure=true}): how long offering a record
 * takes on the caller's side, and how many records of six turns the writer puts into the machine's
 * PostgreSQL per second, three rounds of 20 000.
 */
@EnabledIfSystemProperty(named = "firstbyte.measure", matches = "true")
class CallRecordWriteRateIT {

    private static final int RECORDS = 20_000;
    private static final long MS = 1_000_000L;

    @Test
    void measuresTheWriteRate() throws InterruptedException {
        ItDatabase database = ItDatabase.create(Clock.systemUTC());
        ConnectionPool pool = PostgresPool.create(database.address(), new PostgresPool.Settings(4, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5)));
        Scheduler timer = Schedulers.newSingle("measure");
        try {
            DatabaseClient db = DatabaseClient.create(pool);
            CallRecordStore store = new CallRecordStore(db);
            for (int round = 1; round <= 3; round++) {
                CallRecordWriter writer = new CallRecordWriter(store, new CallRecordWriter.Settings(RECORDS, 100,
                        Duration.ofMillis(50), Duration.ofSeconds(5)), timer, new SimpleMeterRegistry());
                List<CallRecord> records = records();
                long offerStart = System.nanoTime();
                records.forEach(writer::offer);
                long offered = System.nanoTime() - offerStart;
                long writeStart = System.nanoTime();
                writer.start();
                while (writer.queued() > 0) {
                    Thread.sleep(5);
                }
                writer.stop(Duration.ofSeconds(10));
                double seconds = (System.nanoTime() - writeStart) / 1e9;
                System.out.printf("call records, round %d: offer %.0f ns/record; %d records written in %.2f s = %.0f records/s%n",
                        round, offered / (double) RECORDS, RECORDS, seconds, RECORDS / seconds);
            }
            assertThat(db.sql("select count(*) from call_record").map(row -> row.get(0, Long.class)).one().block())
                    .isEqualTo(3L * RECORDS);
        } finally {
            timer.dispose();
            pool.dispose();
            database.close();
        }
    }

    private static List<CallRecord> records() {
        List<CallRecord.Turn> turns = new ArrayList<>();
        for (int turn = 1; turn <= 6; turn++) {
            turns.add(CallRecord.Turn.of(new TurnTrace(turn, "Do you have anything on Tuesday at ten?", 0, 250 * MS, 260 * MS,
                    600 * MS, List.of(new TurnTrace.ToolSpan("check_availability", 610 * MS, 640 * MS,
                            "{\"service\":\"Haircut\",\"date\":\"2026-12-08\"}",
                            "{\"date\":\"2026-12-08\",\"slots\":[{\"start\":\"2026-12-08T09:00\",\"staff\":\"Anna\"},"
                                    + "{\"start\":\"2026-12-08T10:00\",\"staff\":\"Ben\"}]}")),
                    700 * MS, 720 * MS, 700 * MS, false, "Tuesday at ten is free with Ben. Shall I book it for you?")));
        }
        List<CallRecord> records = new ArrayList<>(RECORDS);
        for (int n = 0; n < RECORDS; n++) {
            Instant now = Instant.now();
            records.add(new CallRecord(CallRecording.randomId(), "CA" + n, null, "twilio", "+15550001111", "+15550100100",
                    now, now, "caller", turns));
        }
        return records;
    }
}
