package io.firstbyte.app.handover;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.agent.OpeningHours;
import io.firstbyte.app.booking.rules.TimeRange;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether a person may be reached: inside the day's opening ranges, start included, end excluded. */
class OpenNowTest {

    private static final OpeningHours HOURS = new OpeningHours(Map.of(DayOfWeek.WEDNESDAY, List.of(
            new TimeRange(LocalTime.of(9, 0), LocalTime.of(12, 30)), new TimeRange(LocalTime.of(13, 30), LocalTime.of(18, 0)))));

    @Test
    void openWithinARangeFromItsFirstMinuteToJustBeforeItsEnd() {
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-09T09:00"))).isTrue();
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-09T17:59:59"))).isTrue();
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-09T18:00"))).isFalse();
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-09T08:59"))).isFalse();
    }

    @Test
    void closedBetweenRangesAndOnADayWithoutHours() {
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-09T13:00"))).isFalse();
        assertThat(OpenNow.at(HOURS, LocalDateTime.parse("2026-12-10T10:00"))).as("Thursday").isFalse();
    }
}
