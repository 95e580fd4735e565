package io.firstbyte.app.booking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SlotGridTest {

    @Test
    void startsOnTheGridAreAcceptedAndOthersAreNot() {
        SlotGrid quarter = new SlotGrid(15);

        assertThat(quarter.contains(LocalTime.of(10, 0))).isTrue();
        assertThat(quarter.contains(LocalTime.of(10, 45))).isTrue();
        assertThat(quarter.contains(LocalTime.of(10, 10))).isFalse();
        assertThat(quarter.contains(LocalTime.of(10, 15, 30))).isFalse();
    }

    @Test
    void theRefusalNamesTheGridAndTheTwoNearestStarts() {
        assertThat(new SlotGrid(15).refusal(LocalTime.of(10, 7)))
                .isEqualTo("bookings start on the hour and every 15 minutes: the nearest are 10:00 and 10:15");
        assertThat(new SlotGrid(60).refusal(LocalTime.of(9, 30)))
                .isEqualTo("bookings start on the hour: the nearest are 09:00 and 10:00");
        assertThat(new SlotGrid(30).refusal(LocalTime.of(23, 50)))
                .isEqualTo("bookings start on the hour and every 30 minutes: the nearest are 23:30 and 00:00");
    }

    @Test
    void aGridThatDoesNotDivideTheHourCountsFromMidnight() {
        SlotGrid grid = new SlotGrid(45);

        assertThat(grid.contains(LocalTime.of(1, 30))).isTrue();
        assertThat(grid.contains(LocalTime.of(1, 0))).isFalse();
        assertThat(grid.refusal(LocalTime.of(10, 0)))
                .isEqualTo("bookings start every 45 minutes from midnight: the nearest are 09:45 and 10:30");
        assertThat(new SlotGrid(120).refusal(LocalTime.of(9, 0)))
                .isEqualTo("bookings start every 2 hours from midnight: the nearest are 08:00 and 10:00");
    }
}
