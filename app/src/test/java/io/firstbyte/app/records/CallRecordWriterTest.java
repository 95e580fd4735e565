package io.firstbyte.app.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

class CallRecordWriterTest {

    private static final Duration FLUSH = Duration.ofMillis(500);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<List<CallRecord>> written = new CopyOnWriteArrayList<>();
    private volatile Function<List<CallRecord>, Mono<Void>> database = batch -> Mono.fromRunnable(() -> written.add(batch));
    private CallRecordWriter writer;

    private CallRecordWriter writer(int capacity, int batchSize) {
        writer = new CallRecordWriter(batch -> database.apply(batch), new CallRecordWriter.Settings(capacity, batchSize,
                FLUSH, WRITE_TIMEOUT), time, meters);
        writer.start();
        return writer;
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop(Duration.ZERO);
        }
        time.dispose();
    }

    private static CallRecord record(int n) {
        Instant start = Instant.parse("2026-12-05T18:00:00Z").plusSeconds(n);
        return new CallRecord(UUID.randomUUID(), "CA" + n, null, "twilio", "+15550001111", "+15550100100", start,
                start.plusSeconds(60), "caller", List.of());
    }

    private double dropped(String reason) {
        return meters.counter("firstbyte.callrecords.dropped", "reason", reason).count();
    }

    private List<String> writtenCallIds() {
        List<String> ids = new ArrayList<>();
        written.forEach(batch -> batch.forEach(record -> ids.add(record.callId())));
        return ids;
    }

    @Test
    void recordsAreWrittenInBatchesAtTheNextFlushNotWhenOffered() {
        writer(100, 2);
        for (int n = 1; n <= 5; n++) {
            assertThat(writer.offer(record(n))).isTrue();
        }
        assertThat(written).as("offering writes nothing on the caller's thread").isEmpty();

        time.advanceTimeBy(FLUSH);

        assertThat(written).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(writtenCallIds()).containsExactly("CA1", "CA2", "CA3", "CA4", "CA5");
        assertThat(meters.counter("firstbyte.callrecords.written").count()).isEqualTo(5);
        assertThat(writer.queued()).isZero();
    }

    @Test
    void aFullQueueDropsAndCountsTheNewRecordsAndTakesMoreOnceDrained() {
        writer(3, 10);
        for (int n = 1; n <= 5; n++) {
            writer.offer(record(n));
        }
        assertThat(dropped("queue_full")).isEqualTo(2);

        time.advanceTimeBy(FLUSH);
        assertThat(writtenCallIds()).containsExactly("CA1", "CA2", "CA3");

        assertThat(writer.offer(record(6))).isTrue();
        time.advanceTimeBy(FLUSH);
        assertThat(writtenCallIds()).containsExactly("CA1", "CA2", "CA3", "CA6");
        assertThat(dropped("queue_full")).isEqualTo(2);
    }

    @Test
    void aFailingDatabaseDropsAndCountsItsBatchAndTheWriterGoesOn() {
        writer(100, 2);
        database = batch -> Mono.error(new IllegalStateException("connection refused"));
        writer.offer(record(1));
        writer.offer(record(2));
        writer.offer(record(3));
        time.advanceTimeBy(FLUSH);
        assertThat(dropped("database")).isEqualTo(3);
        assertThat(writer.queued()).isZero();

        database = batch -> Mono.fromRunnable(() -> written.add(batch));
        writer.offer(record(4));
        time.advanceTimeBy(FLUSH);
        assertThat(writtenCallIds()).containsExactly("CA4");
        assertThat(dropped("database")).isEqualTo(3);
    }

    @Test
    void aDatabaseThatNeverAnswersTimesOutAndTheQueueStillDrainsAfterIt() {
        writer(100, 10);
        database = batch -> Mono.never();
        writer.offer(record(1));
        time.advanceTimeBy(FLUSH);
        writer.offer(record(2));
        time.advanceTimeBy(WRITE_TIMEOUT.minus(FLUSH));
        assertThat(dropped("database")).as("the first batch waits its whole timeout").isZero();

        database = batch -> Mono.fromRunnable(() -> written.add(batch));
        time.advanceTimeBy(FLUSH);
        assertThat(dropped("database")).isEqualTo(1);
        time.advanceTimeBy(FLUSH);
        assertThat(writtenCallIds()).containsExactly("CA2");
    }

    @Test
    void stoppingFinishesTheBatchInFlightAndWritesWhatIsStillQueued() {
        writer(100, 2);
        // a database that takes a moment of real time, so that the stop comes while a batch is in flight
        database = batch -> Mono.delay(Duration.ofMillis(200), Schedulers.parallel())
                .then(Mono.fromRunnable(() -> written.add(batch)));
        writer.offer(record(1));
        writer.offer(record(2));
        writer.offer(record(3));
        time.advanceTimeBy(FLUSH);
        assertThat(writer.queued()).as("the first batch is in flight").isEqualTo(1);
        writer.offer(record(4));

        writer.stop(Duration.ofSeconds(30));

        assertThat(writtenCallIds()).containsExactly("CA1", "CA2", "CA3", "CA4");
        assertThat(dropped("database")).isZero();
    }

    @Test
    void aThrowingDatabaseClientIsCountedLikeAFailedWrite() {
        writer(100, 10);
        database = batch -> {
            throw new IllegalStateException("pool closed");
        };
        writer.offer(record(1));
        time.advanceTimeBy(FLUSH);
        assertThat(dropped("database")).isEqualTo(1);

        database = batch -> Mono.fromRunnable(() -> written.add(batch));
        writer.offer(record(2));
        time.advanceTimeBy(FLUSH);
        assertThat(writtenCallIds()).containsExactly("CA2");
    }
}
