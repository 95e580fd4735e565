package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SpokenDayTest {

    /** A Saturday. */
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void relativeDaysCountFromTheTenantsToday() {
        assertThat(SpokenDay.in("a haircut today please", TODAY)).contains(TODAY);
        assertThat(SpokenDay.in("I'd like to book a haircut tomorrow please", TODAY)).contains(TODAY.plusDays(1));
        assertThat(SpokenDay.in("the day after tomorrow", TODAY)).contains(TODAY.plusDays(2));
    }

    @Test
    void aWeekdayIsTheNextOneAfterToday() {
        assertThat(SpokenDay.in("what do you have on Friday for a colour", TODAY)).contains(LocalDate.of(2026, 12, 11));
        assertThat(SpokenDay.in("saturday", TODAY)).contains(LocalDate.of(2026, 12, 12));
    }

    @Test
    void aDayOfTheMonthIsThisMonthsUnlessItHasPassed() {
        assertThat(SpokenDay.in("on the 21st", TODAY)).contains(LocalDate.of(2026, 12, 21));
        assertThat(SpokenDay.in("the 3rd", TODAY)).contains(LocalDate.of(2027, 1, 3));
        assertThat(SpokenDay.in("the 31st", LocalDate.of(2027, 2, 2))).as("February has no 31st").isEmpty();
    }

    @Test
    void noDayNamedIsNone() {
        assertThat(SpokenDay.in("at 10:30 with Anna", TODAY)).isEmpty();
    }
}
