package io.firstbyte.app.booking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.tenant.TenantInfo;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DayPlannerTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ServiceInfo HAIRCUT = new ServiceInfo(UUID.randomUUID(), "Haircut", 30, 0, 0, 0);
    static final ServiceInfo COLOUR = new ServiceInfo(UUID.randomUUID(), "Colour", 90, 0, 10, 0);
    static final UUID ANNA = UUID.randomUUID();

    static TenantCatalog salon(TimeRange hours, TimeRange... breaks) {
        Map<DayOfWeek, List<TimeRange>> week = Arrays.stream(DayOfWeek.values())
                .collect(Collectors.toMap(d -> d, d -> List.of(hours)));
        Map<DayOfWeek, List<TimeRange>> pauses = Arrays.stream(DayOfWeek.values())
                .collect(Collectors.toMap(d -> d, d -> List.of(breaks)));
        StaffInfo anna = new StaffInfo(ANNA, "Anna", Set.of(HAIRCUT.id(), COLOUR.id()), week, pauses);
        return new TenantCatalog(new TenantInfo(UUID.randomUUID().toString(), "Salon", "America/New_York", 30, 60, 0),
                List.of(HAIRCUT, COLOUR), List.of(anna));
    }

    static TimeRange range(int fromHour, int fromMinute, int toHour, int toMinute) {
        return new TimeRange(LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute));
    }

    static List<LocalTime> localStarts(List<Slot> slots) {
        return slots.stream().map(slot -> slot.start().atZone(NEW_YORK).toLocalTime()).toList();
    }

    @Test
    void workingHoursMinusTheLunchBreakOnTheSlotGrid() {
        List<Slot> slots = DayPlanner.freeSlots(salon(range(9, 0, 12, 0), range(10, 0, 11, 0)), HAIRCUT,
                LocalDate.of(2026, 11, 24), BusyTimes.NONE);

        assertThat(localStarts(slots)).containsExactly(LocalTime.of(9, 0), LocalTime.of(9, 30), LocalTime.of(11, 0),
                LocalTime.of(11, 30));
    }

    @Test
    void theBufferAfterAServiceMustFitBeforeTheNextBreak() {
        List<Slot> slots = DayPlanner.freeSlots(salon(range(9, 0, 13, 0), range(12, 0, 13, 0)), COLOUR,
                LocalDate.of(2026, 11, 24), BusyTimes.NONE);

        assertThat(localStarts(slots)).containsExactly(LocalTime.of(9, 0), LocalTime.of(9, 30), LocalTime.of(10, 0));
    }

    @Test
    void anExistingAppointmentBlocksEveryOverlappingStartButNotTheAdjacentOnes() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        Interval taken = new Interval(ZonedDateTime.of(day, LocalTime.of(10, 0), NEW_YORK).toInstant(),
                ZonedDateTime.of(day, LocalTime.of(10, 30), NEW_YORK).toInstant());
        List<Slot> slots = DayPlanner.freeSlots(salon(range(9, 0, 11, 0)), HAIRCUT, day,
                new BusyTimes(Map.of(ANNA, List.of(taken)), Map.of()));

        assertThat(localStarts(slots)).containsExactly(LocalTime.of(9, 0), LocalTime.of(9, 30), LocalTime.of(10, 30));
    }

    @Test
    void staffHoursAreClippedToTheBusinessHoursAndAClosureDayHasNoSlots() {
        TenantCatalog staffOnly = salon(range(9, 0, 17, 0));
        LocalDate tuesday = LocalDate.of(2026, 11, 24);
        BusinessCalendar calendar = new BusinessCalendar(Map.of(DayOfWeek.TUESDAY, List.of(range(10, 0, 11, 0), range(16, 0, 18, 0))),
                List.of(new Closure(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27), "Thanksgiving")));
        TenantCatalog business = new TenantCatalog(staffOnly.tenant(), staffOnly.services(), staffOnly.staff(), calendar, 2);

        assertThat(localStarts(DayPlanner.freeSlots(business, HAIRCUT, tuesday, BusyTimes.NONE))).containsExactly(
                LocalTime.of(10, 0), LocalTime.of(10, 30), LocalTime.of(16, 0), LocalTime.of(16, 30));
        assertThat(DayPlanner.freeSlots(business, HAIRCUT, tuesday.plusDays(1), BusyTimes.NONE))
                .as("Wednesday: not among the business's hours").isEmpty();
        assertThat(DayPlanner.freeSlots(business, HAIRCUT, tuesday.plusDays(2), BusyTimes.NONE)).as("closed").isEmpty();
        Instant nineThirty = ZonedDateTime.of(tuesday, LocalTime.of(9, 30), NEW_YORK).toInstant();
        assertThat(DayPlanner.fitsWorkingHours(business, business.staff().getFirst(), HAIRCUT, nineThirty, BusyTimes.NONE))
                .as("a booking before the business opens").isFalse();
        assertThat(DayPlanner.fitsWorkingHours(staffOnly, staffOnly.staff().getFirst(), HAIRCUT, nineThirty, BusyTimes.NONE))
                .isTrue();
    }

    @Test
    void aDayOffHasNoSlots() {
        LocalDate day = LocalDate.of(2026, 11, 24);
        List<Slot> slots = DayPlanner.freeSlots(salon(range(9, 0, 17, 0)), HAIRCUT, day,
                new BusyTimes(Map.of(), Map.of(ANNA, Set.of(day))));

        assertThat(slots).isEmpty();
    }

    @Test
    void onTheSpringForwardDayTheSkippedHourOffersNoSlotsAndTheRestAreRealInstants() {
        LocalDate day = LocalDate.of(2027, 3, 14);
        List<Slot> slots = DayPlanner.freeSlots(salon(range(1, 0, 4, 0)), HAIRCUT, day, BusyTimes.NONE);

        assertThat(localStarts(slots)).containsExactly(LocalTime.of(1, 0), LocalTime.of(1, 30), LocalTime.of(3, 0),
                LocalTime.of(3, 30));
        assertThat(Duration.between(slots.get(1).start(), slots.get(2).start())).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void onTheFallBackDayTheWorkingWindowIsAnHourLongerInRealTime() {
        LocalDate day = LocalDate.of(2026, 11, 1);
        List<Slot> slots = DayPlanner.freeSlots(salon(range(0, 30, 3, 0)), HAIRCUT, day, BusyTimes.NONE);
        Instant first = slots.getFirst().start();
        Instant last = slots.getLast().start();

        assertThat(localStarts(slots)).first().isEqualTo(LocalTime.of(0, 30));
        assertThat(Duration.between(first, last)).isEqualTo(Duration.ofMinutes(180));
    }

    @Test
    void fitsWorkingHoursRefusesAStartWhoseServiceRunsIntoTheBreak() {
        TenantCatalog catalog = salon(range(9, 0, 17, 0), range(12, 0, 13, 0));
        StaffInfo anna = catalog.staff().getFirst();
        Instant at1130 = ZonedDateTime.of(LocalDate.of(2026, 11, 24), LocalTime.of(11, 30), NEW_YORK).toInstant();
        Instant at1145 = at1130.plus(Duration.ofMinutes(15));

        assertThat(DayPlanner.fitsWorkingHours(catalog, anna, HAIRCUT, at1130, BusyTimes.NONE)).isTrue();
        assertThat(DayPlanner.fitsWorkingHours(catalog, anna, HAIRCUT, at1145, BusyTimes.NONE)).isFalse();
    }
}
