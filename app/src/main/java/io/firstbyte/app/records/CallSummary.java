package io.firstbyte.app.records;

import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One call in a list of call records: everything but its turns, which it counts. */
public record CallSummary(UUID id, String callId, @JsonProperty("business_id") @Nullable UUID tenantId, String gateway, @Nullable String caller,
                          @Nullable String dialled, Instant startedAt, Instant endedAt, String endReason, int turns) {

    /** One page of a list, newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<CallSummary> calls, @Nullable String next) {

        public Page {
            calls = List.copyOf(calls);
        }
    }
}
