package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.embedded.StartupSeed;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallSettings;
import io.firstbyte.pipeline.event.TranscriptInterim;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.testing.CallHarness;
import io.firstbyte.pipeline.testing.ScriptedLanguageModel;
import io.firstbyte.pipeline.testing.ScriptedSpeechToText;
import io.firstbyte.pipeline.testing.ScriptedTextToSpeech;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolCall;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tool.ToolSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * An answer started before the caller finished, with the real booking tools on PostgreSQL: the
 * model asks to book, cancel or move while the turn is still unconfirmed, so the change waits; if the
 * caller's final words say something else the answer is discarded and nothing was ever booked,
 * cancelled or moved. The same booking answer, confirmed, books exactly once.
 */
class SpeculativeBookingIT {

    /** Saturday 19:30 in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T18:30:00Z"), ZoneId.of("UTC"));
    static final String BERLIN_SALON = StartupSeed.synthetic(1).tenantId().toString();
    private static final Duration WAIT = Duration.ofSeconds(20);

    static ItDatabase database;
    static BookingStack stack;

    private final AtomicInteger changesStarted = new AtomicInteger();
    private ScriptedSpeechToText stt;
    private ScriptedLanguageModel model;
    private CallHarness call;

    @BeforeAll
    static void start() {
        database = ItDatabase.create(CLOCK);
        stack = new BookingStack(database.address(), "redis://127.0.0.1:6379", CLOCK);
    }

    @AfterAll
    static void stop() {
        stack.close();
        database.close();
    }

    @AfterEach
    void hangUp() {
        if (call != null) {
            call.close();
        }
    }

    private void callerAsksToBook(String customer) {
        callerAsks(new ToolCall("c1", "create_booking",
                "{\"service\":\"Haircut\",\"start\":\"2026-12-08T15:00\",\"customer_name\":\"" + customer + "\"}"));
    }

    /** The caller pauses mid-turn and the answer started on the interim asks for {@code change}. */
    private void callerAsks(ToolCall change) {
        call = new CallHarness(scheduler -> {
            stt = new ScriptedSpeechToText();
            model = new ScriptedLanguageModel(Duration.ofMillis(300), Duration.ofMillis(10), scheduler);
            return new CallPipeline(stt, model, new ScriptedTextToSpeech(Duration.ofMillis(100), 60, scheduler),
                    new ToolRegistry(stack.tools.tools().stream().map(this::counted).toList(), Duration.ofSeconds(10)),
                    CallSettings.DEFAULTS.withGreeting(""), scheduler);
        });
        call.start(Map.of(TenantInfo.CONTEXT_ATTRIBUTE, BERLIN_SALON));
        model.callsTools("", change).replies("Done. ");
        call.silence(Duration.ofSeconds(1));
        call.speak(Duration.ofMillis(600));
        stt.emit(new TranscriptInterim("book me a haircut on tuesday at three"));
        call.silence(Duration.ofMillis(700));
        assertThat(model.requests()).as("the answer started during the pause").hasSize(1);
    }

    @Test
    void aDiscardedSpeculationThatWouldHaveBookedLeavesNoAppointment() throws Exception {
        callerAsksToBook("Speculative Sam");
        stt.hears("Book me a haircut on Wednesday instead.");
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline && appointmentsOf("Speculative Sam") == 0) {
            awaitVirtual(Duration.ofMillis(100));
            Thread.sleep(50);
        }

        assertThat(model.requests()).as("the turn was answered afresh").hasSize(2);
        assertThat(changesStarted).as("create_booking never ran").hasValue(0);
        assertThat(appointmentsOf("Speculative Sam")).isZero();
    }

    @Test
    void aDiscardedSpeculationThatWouldHaveCancelledLeavesTheBookingAsItWas() throws Exception {
        String id = booked("Cancelling Chris", "2026-12-09T11:00");
        callerAsks(new ToolCall("c1", "cancel_booking", "{\"booking_id\":\"" + id + "\"}"));
        stt.hears("Actually, keep it, I only wanted to ask the time.");
        awaitSecondAnswer();

        assertThat(changesStarted).as("cancel_booking never ran").hasValue(0);
        assertThat(appointment(id)).isEqualTo("confirmed 2026-12-09T10:00Z");
    }

    @Test
    void aDiscardedSpeculationThatWouldHaveMovedLeavesTheBookingWhereItWas() throws Exception {
        String id = booked("Moving Morgan", "2026-12-10T11:00");
        callerAsks(new ToolCall("c1", "reschedule_booking",
                "{\"booking_id\":\"" + id + "\",\"start\":\"2026-12-10T16:00\"}"));
        stt.hears("Can I move it to Friday instead?");
        awaitSecondAnswer();

        assertThat(changesStarted).as("reschedule_booking never ran").hasValue(0);
        assertThat(appointment(id)).isEqualTo("confirmed 2026-12-10T10:00Z");
    }

    @Test
    void theSameSpeculationConfirmedBooksExactlyOnce() throws Exception {
        callerAsksToBook("Confirmed Casey");
        assertThat(appointmentsOf("Confirmed Casey")).as("nothing before the turn is confirmed").isZero();
        stt.hears("Book me a haircut on Tuesday at three.");

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (appointmentsOf("Confirmed Casey") == 0 && System.nanoTime() < deadline) {
            awaitVirtual(Duration.ofMillis(100));
            Thread.sleep(20);
        }
        assertThat(appointmentsOf("Confirmed Casey")).isEqualTo(1);
    }

    private Tool counted(Tool tool) {
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return tool.spec();
            }

            @Override
            public Mono<String> execute(ToolCall toolCall, CallContext context) {
                return tool.execute(toolCall, context).doOnSubscribe(subscription -> {
                    if (!tool.spec().readOnly()) {
                        changesStarted.incrementAndGet();
                    }
                });
            }
        };
    }

    /** A booking made outside the call (Berlin local time); its id. */
    private static String booked(String customer, String localStart) {
        String answer = stack.tools.run("create_booking", "{\"service\":\"Haircut\",\"start\":\"" + localStart
                + "\",\"customer_name\":\"" + customer + "\"}", BERLIN_SALON).block(WAIT);
        return BookingEngineIT.JSON.readTree(answer).path("booking_id").asString();
    }

    /** The turn answered afresh after the discarded speculation (the script's words, no change). */
    private void awaitSecondAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (model.requests().size() < 2 && System.nanoTime() < deadline) {
            awaitVirtual(Duration.ofMillis(100));
            Thread.sleep(20);
        }
        awaitVirtual(Duration.ofSeconds(2));
        assertThat(model.requests()).as("discarded, then answered afresh").hasSize(2);
    }

    private void awaitVirtual(Duration duration) {
        call.silence(duration);
    }

    /** The appointment's status and start (UTC). */
    private static String appointment(String id) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.address().jdbcUrl(), database.address().user(),
                database.address().password());
             var statement = connection.prepareStatement(
                     "select status, starts_at at time zone 'UTC' from appointment where id = ?::uuid")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1) + " " + rows.getTimestamp(2).toLocalDateTime() + "Z";
            }
        }
    }

    private static int appointmentsOf(String customer) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.address().jdbcUrl(), database.address().user(),
                database.address().password());
             var statement = connection.prepareStatement("select count(*) from appointment where customer_name = ?")) {
            statement.setString(1, customer);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
