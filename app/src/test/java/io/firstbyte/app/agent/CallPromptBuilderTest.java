package io.firstbyte.app.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.rules.BusinessCalendar;
import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.rules.TimeRange;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallPrompt;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallPromptBuilderTest {

    static final String BASE = "You are a receptionist. Keep answers short.";
    static final String DEFAULT_GREETING = "Hello, thanks for calling.";
    /** The clock's own zone is one where it is already Sunday morning: it must never be used. */
    static final ZoneId CLOCK_ZONE = ZoneId.of("Pacific/Kiritimati");
    static final ServiceInfo HAIRCUT = new ServiceInfo(UUID.randomUUID(), "Haircut", 30, 0, 0, 4500);
    static final ServiceInfo COLOUR = new ServiceInfo(UUID.randomUUID(), "Colour", 90, 0, 10, 12050);
    static final ServiceInfo CONSULTATION = new ServiceInfo(UUID.randomUUID(), "Consultation", 15, 0, 0, 0);

    static TenantInfo berlin(String greeting, String instructions, String language) {
        return new TenantInfo(UUID.randomUUID().toString(), "Salon Mara", "Europe/Berlin", 30, 60, 120,
                greeting, instructions, language, "EUR");
    }

    static TenantCatalog salon(TenantInfo tenant) {
        StaffInfo anna = new StaffInfo(UUID.randomUUID(), "Anna", Set.of(HAIRCUT.id(), COLOUR.id(), CONSULTATION.id()),
                week(Map.of(DayOfWeek.TUESDAY, range(9, 17), DayOfWeek.WEDNESDAY, range(9, 17), DayOfWeek.THURSDAY, range(9, 17),
                        DayOfWeek.FRIDAY, range(9, 17), DayOfWeek.SATURDAY, range(9, 14))), Map.of());
        StaffInfo ben = new StaffInfo(UUID.randomUUID(), "Ben", Set.of(HAIRCUT.id(), CONSULTATION.id()),
                week(Map.of(DayOfWeek.TUESDAY, range(10, 18), DayOfWeek.WEDNESDAY, range(10, 18), DayOfWeek.THURSDAY, range(18, 20),
                        DayOfWeek.FRIDAY, range(10, 18), DayOfWeek.SATURDAY, range(9, 14))), Map.of());
        return new TenantCatalog(tenant, List.of(HAIRCUT, COLOUR, CONSULTATION), List.of(anna, ben));
    }

    static Map<DayOfWeek, List<TimeRange>> week(Map<DayOfWeek, TimeRange> days) {
        Map<DayOfWeek, List<TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, range) -> week.put(day, List.of(range)));
        return week;
    }

    static TimeRange range(int fromHour, int toHour) {
        return new TimeRange(LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0));
    }

    static CallPromptBuilder at(String instant) {
        return new CallPromptBuilder(BASE, DEFAULT_GREETING, Clock.fixed(Instant.parse(instant), CLOCK_ZONE));
    }

    @Test
    void aSaturdayEveningCallToABerlinSalonIsToldTheBerlinDateTimeHoursServicesRulesAndCaller() {
        TenantInfo tenant = berlin("Salon Mara, guten Abend!", "Never promise a discount.", "de");

        CallPrompt prompt = at("2026-12-05T18:30:00Z").build(tenant, salon(tenant), "+4930123456");

        assertThat(prompt.greeting()).isEqualTo("Salon Mara, guten Abend!");
        assertThat(prompt.systemPrompt()).isEqualTo("""
                You are a receptionist. Keep answers short.

                You answer the phone for Salon Mara.
                Today is Saturday, 5 December 2026 (2026-12-05) and the local time is 19:30 (Europe/Berlin, UTC+01:00).
                Work out the dates callers say ("tomorrow", "next Friday", "the 3rd") from today. \
                The tools take days as YYYY-MM-DD and times as YYYY-MM-DDTHH:MM, in the business's local time: \
                tomorrow at 3 pm is 2026-12-06T15:00.
                Opening hours:
                - Monday: closed
                - Tuesday: 09:00-18:00
                - Wednesday: 09:00-18:00
                - Thursday: 09:00-17:00 and 18:00-20:00
                - Friday: 09:00-18:00
                - Saturday (today): 09:00-14:00
                - Sunday: closed
                Services:
                - Colour: 90 minutes, 120.50 EUR (Anna)
                - Consultation: 15 minutes
                - Haircut: 30 minutes, 45.00 EUR
                Staff: Anna, Ben.
                Appointments can be booked at least 2 hours ahead and at most 60 days ahead (the last day is 2027-02-03).
                The caller is calling from +4930123456; read it back to confirm it before booking with it as their phone number.
                If the caller asks for a person, use transfer_call; if it says nobody can take the call, \
                offer to take a message and record it with take_message.
                Speak German.
                Instructions from the business:
                Never promise a discount.""");
    }

    @Test
    void theSameInstantIsAnotherDayForANewYorkTenant() {
        TenantInfo newYork = new TenantInfo(UUID.randomUUID().toString(), "Salon Mara", "America/New_York", 30, 60, 60);

        String prompt = at("2026-12-06T03:30:00Z").build(newYork, salon(newYork), "+15550001111").systemPrompt();
        String berlin = at("2026-12-06T03:30:00Z").build(berlin(null, null, null), null, "").systemPrompt();

        assertThat(prompt).contains("Today is Saturday, 5 December 2026 (2026-12-05) and the local time is 22:30 "
                + "(America/New_York, UTC-05:00).", "- Saturday (today): 09:00-14:00", "at least 1 hour ahead");
        assertThat(berlin).contains("Today is Sunday, 6 December 2026 (2026-12-06) and the local time is 04:30 "
                + "(Europe/Berlin, UTC+01:00).");
    }

    @Test
    void theLocalTimeFollowsTheClocksChangingForSummerTime() {
        TenantInfo tenant = berlin(null, null, null);

        String before = at("2026-03-29T00:30:00Z").build(tenant, salon(tenant), "").systemPrompt();
        String after = at("2026-03-29T01:30:00Z").build(tenant, salon(tenant), "").systemPrompt();

        assertThat(before).contains("Today is Sunday, 29 March 2026 (2026-03-29) and the local time is 01:30 (Europe/Berlin, UTC+01:00).");
        assertThat(after).contains("Today is Sunday, 29 March 2026 (2026-03-29) and the local time is 03:30 (Europe/Berlin, UTC+02:00).",
                "- Sunday (today): closed");
    }

    @Test
    void theBusinessesOwnHoursReplaceTheStaffsAndItsComingClosuresAreListed() {
        TenantInfo tenant = berlin(null, null, null);
        TenantCatalog staffOnly = salon(tenant);
        TenantCatalog business = new TenantCatalog(tenant, staffOnly.services(), staffOnly.staff(), new BusinessCalendar(
                Map.of(DayOfWeek.SATURDAY, List.of(range(10, 13))), List.of(
                        new Closure(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-01"), "past"),
                        new Closure(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-26"), "Christmas"),
                        new Closure(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-31"), ""))), 3);

        String prompt = at("2026-12-05T18:30:00Z").build(tenant, business, "").systemPrompt();

        assertThat(prompt).contains("- Tuesday: closed\n", "- Saturday (today): 10:00-13:00\n",
                "Closed on: 2026-12-24 to 2026-12-26 (Christmas), 2026-12-31.\n").doesNotContain("past", "09:00");
    }

    @Test
    void aNumberNoBusinessAnswersIsToldSoAtOnce() {
        CallPrompt prompt = at("2026-12-05T18:30:00Z").unknownNumber();

        assertThat(prompt.greeting()).contains("this number is not taking bookings");
        assertThat(prompt.systemPrompt()).startsWith(BASE).contains("No business answers on the number the caller dialled",
                "do not offer or book any time");
    }

    @Test
    void aTenantWithoutServicesIsToldNoAppointmentCanBeBooked() {
        TenantInfo tenant = berlin(null, null, null);

        String prompt = at("2026-12-05T18:30:00Z").build(tenant, new TenantCatalog(tenant, List.of(), List.of()), "").systemPrompt();

        assertThat(prompt).contains("No services are set up yet, so no appointment can be booked by phone; say so politely.",
                "- Tuesday: closed").doesNotContain("Services:", "Staff:");
    }

    @Test
    void withoutItsOwnGreetingLanguageOrInstructionsATenantGetsTheDefaults() {
        CallPrompt prompt = at("2026-12-05T18:30:00Z").build(berlin(" ", null, null), null, "anonymous");

        assertThat(prompt.greeting()).isEqualTo(DEFAULT_GREETING);
        assertThat(prompt.systemPrompt()).contains("Speak English.", "The caller's number is not known.",
                        "hours, services and staff could not be loaded just now")
                .doesNotContain("Instructions from the business");
    }
}
