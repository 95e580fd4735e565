package io.firstbyte.app.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.trace.TurnTrace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CallRecordingTest {

    private static final long MS = 1_000_000L;
    private static final String TENANT = "0d3e5a10-0000-4000-a000-000000000001";

    private final List<CallRecord> finished = new CopyOnWriteArrayList<>();
    private final CallContext call = new CallContext("CA1", "MZ1", "+15550001111", "+15550100100", Map.of(), Map.of());

    private CallRecording recording() {
        return new CallRecording(call, "twilio", Clock.fixed(Instant.parse("2026-12-05T18:00:00.123456789Z"), ZoneOffset.UTC),
                finished::add);
    }

    private static TurnTrace turn(int number, boolean interrupted, String heard) {
        return new TurnTrace(number, "question " + number, 0, 250 * MS, 260 * MS, 600 * MS,
                List.of(new TurnTrace.ToolSpan("check_availability", 610 * MS, 640 * MS, "{\"date\":\"2026-12-08\"}", "{\"slots\":[]}"),
                        new TurnTrace.ToolSpan("create_booking", 650 * MS, -1, "{}", "")),
                700 * MS, 720 * MS, 700 * MS, interrupted, heard);
    }

    @Test
    void theRecordHasTheTenantTheTurnsInOrderAndTheEndReason() {
        CallRecording recording = recording();
        recording.resolved(call.withAttribute(TenantInfo.CONTEXT_ATTRIBUTE, TENANT));
        recording.turn(turn(2, true, "Ten is"));
        recording.turn(turn(1, false, "Hello."));
        recording.end("caller");

        CallRecord record = finished.getFirst();
        assertThat(record.tenantId()).isEqualTo(UUID.fromString(TENANT));
        assertThat(record.caller()).isEqualTo("+15550001111");
        assertThat(record.startedAt()).as("kept to the microsecond, as PostgreSQL keeps it")
                .isEqualTo(Instant.parse("2026-12-05T18:00:00.123456Z"));
        assertThat(record.endReason()).isEqualTo("caller");
        assertThat(record.turns()).extracting(CallRecord.Turn::turn, CallRecord.Turn::interrupted, CallRecord.Turn::agentText)
                .containsExactly(tuple(1, false, "Hello."),
                        tuple(2, true, "Ten is"));
        CallRecord.Turn first = record.turns().getFirst();
        assertThat(first.tools()).containsExactly(
                new CallRecord.ToolCall("check_availability", "{\"date\":\"2026-12-08\"}", "{\"slots\":[]}", 350.0, 30.0),
                new CallRecord.ToolCall("create_booking", "{}", "", 390.0, -1));
        assertThat(first.latency()).isEqualTo(new CallRecord.Latency(720.0, 20.0, 250.0, 340.0, 440.0));
        assertThat(record.id().version()).isEqualTo(4);
    }

    @Test
    void aCallIsRecordedOnceAndTurnsAfterItsEndAreIgnored() {
        CallRecording recording = recording();
        recording.end("operator");
        recording.turn(turn(1, false, "Hello."));
        recording.end("error");

        assertThat(finished).singleElement().satisfies(record -> {
            assertThat(record.endReason()).isEqualTo("operator");
            assertThat(record.turns()).isEmpty();
            assertThat(record.tenantId()).isNull();
        });
    }

    @Test
    void aLongToolResultIsCutToABoundedLength() {
        String huge = "x".repeat(CallRecord.MAX_TOOL_TEXT * 3);
        TurnTrace trace = new TurnTrace(1, "hi", 0, 0, 0, 0, List.of(new TurnTrace.ToolSpan("t", 0, 1, huge, huge)),
                0, 0, 0, false, "");
        CallRecord.ToolCall tool = CallRecord.Turn.of(trace).tools().getFirst();
        assertThat(tool.result()).hasSize(CallRecord.MAX_TOOL_TEXT).endsWith("…");
        assertThat(tool.arguments()).hasSize(CallRecord.MAX_TOOL_TEXT);
    }
}
