package io.firstbyte.app.booking.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.rules.Slot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotCodecTest {

    @Test
    void aDaySurvivesTheRoundTripWithItsVersion() {
        UUID anna = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        CachedDay day = new CachedDay(42, List.of(new Slot(Instant.parse("2026-11-24T14:00:00Z"), anna),
                new Slot(Instant.parse("2026-11-24T14:30:00Z"), ben), new Slot(Instant.parse("2026-11-24T15:00:00Z"), anna)));

        assertThat(SlotCodec.decode(SlotCodec.encode(day))).contains(day);
    }

    @Test
    void anEmptyDayIsStillAnEntry() {
        CachedDay empty = new CachedDay(3, List.of());

        assertThat(SlotCodec.decode(SlotCodec.encode(empty))).contains(empty);
    }

    @Test
    void garbageDecodesToNothingAndReadsAsAMiss() {
        assertThat(SlotCodec.decode("not a cached day")).isEmpty();
        assertThat(SlotCodec.decode("7\nnot-a-uuid,\n1:0")).isEmpty();
    }
}
