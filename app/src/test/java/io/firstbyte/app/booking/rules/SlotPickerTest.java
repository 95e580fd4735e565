package io.firstbyte.app.booking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlotPickerTest {

    static final Instant NINE = Instant.parse("2026-11-24T14:00:00Z");
    static final UUID ANNA = UUID.randomUUID();
    static final UUID BEN = UUID.randomUUID();

    static Slot at(int minutes, UUID staff) {
        return new Slot(NINE.plus(Duration.ofMinutes(minutes)), staff);
    }

    @Test
    void spreadKeepsAtMostEightStartsIncludingTheFirstAndTheLast() {
        List<Slot> day = IntStream.range(0, 18).mapToObj(i -> at(i * 30, ANNA)).toList();

        List<Slot> spoken = SlotPicker.spread(day, 8);

        assertThat(spoken).hasSize(8).startsWith(day.getFirst()).endsWith(day.getLast());
        assertThat(spoken).isSortedAccordingTo(java.util.Comparator.comparing(Slot::start));
    }

    @Test
    void spreadSaysEachStartTimeOnceEvenWhenSeveralStaffAreFree() {
        List<Slot> spoken = SlotPicker.spread(List.of(at(0, ANNA), at(0, BEN), at(30, BEN)), 8);

        assertThat(spoken).containsExactly(at(0, ANNA), at(30, BEN));
    }

    @Test
    void nearestPrefersThePreferredStaffUnlessAnotherIsMuchCloser() {
        List<Slot> slots = List.of(at(-60, ANNA), at(30, BEN), at(60, ANNA), at(300, BEN));

        List<Slot> picked = SlotPicker.nearest(slots, NINE, 2, ANNA);

        assertThat(picked).containsExactly(at(-60, ANNA), at(60, ANNA));
    }

    @Test
    void nearestWithoutPreferenceTakesTheClosestOnBothSides() {
        List<Slot> slots = List.of(at(-90, ANNA), at(-30, BEN), at(30, ANNA), at(120, BEN));

        assertThat(SlotPicker.nearest(slots, NINE, 2, null)).containsExactly(at(-30, BEN), at(30, ANNA));
    }
}
