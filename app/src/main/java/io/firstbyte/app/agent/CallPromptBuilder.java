package io.firstbyte.app.agent;

import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.Closure;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.rules.TimeRange;
import io.firstbyte.app.tenant.PhoneNumbers;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallPrompt;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Assembles one call's system prompt and greeting from the business the caller dialled: its name,
 * today's date, weekday and the current time in its time zone, the tools' date formats, its opening
 * hours (its own when it set them, else when its staff work) and coming closures, services with durations and prices, staff, the booking rules a caller meets (notice,
 * horizon), the caller's number, how to reach a person or leave a message (transfer_call, take_message),
 * its language and its own instructions; the greeting is the
 * business's own, or the configured one. The configured prompt comes first, the facts after it.
 *
 * <p>"Now" is the injected clock's instant seen in the tenant's zone, never the server's zone (nor
 * the clock's). It is computed once, at call start: a call that runs past midnight keeps the date it
 * started with. That is deliberate: calls last minutes, and the tools check every date against the
 * clock, so a stale "today" can only lead to a request the tools refuse with a sentence the model
 * can say.
 */
public final class CallPromptBuilder {

    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final String DEFAULT_LANGUAGE = "en";
    private static final int MAX_CLOSURES = 10;
    /** What to do when the caller wants a person: the tools decide whether one can take the call now. */
    static final String HAND_OVER = "If the caller asks for a person, use transfer_call; if it says nobody "
            + "can take the call, offer to take a message and record it with take_message.";

    private final String basePrompt;
    private final String defaultGreeting;
    private final Clock clock;

    public CallPromptBuilder(String basePrompt, String defaultGreeting, Clock clock) {
        this.basePrompt = basePrompt.strip();
        this.defaultGreeting = defaultGreeting;
        this.clock = clock;
    }

    /**
     * The prompt for a call to {@code tenant} from {@code callerNumber} (as the gateway gave it; not
     * a phone number: unknown). {@code catalog} is null when it could not be loaded in time.
     */
    public CallPrompt build(TenantInfo tenant, @Nullable TenantCatalog catalog, String callerNumber) {
        ZonedDateTime now = clock.instant().atZone(tenant.zone());
        StringBuilder prompt = new StringBuilder(basePrompt).append("\n\n");
        prompt.append("You answer the phone for ").append(tenant.name()).append(".\n");
        today(prompt, now);
        if (catalog == null) {
            prompt.append("The business's hours, services and staff could not be loaded just now: use the tools to find "
                    + "free times, and do not guess a service, a price or an opening time.\n");
        } else {
            hours(prompt, OpeningHours.of(catalog), now.getDayOfWeek());
            closures(prompt, catalog.calendar().upcoming(now.toLocalDate(), MAX_CLOSURES));
            services(prompt, catalog, tenant.currency());
            staff(prompt, catalog.staff());
        }
        rules(prompt, tenant, BookingWindow.of(tenant, Clock.fixed(now.toInstant(), ZoneOffset.UTC)));
        caller(prompt, callerNumber);
        prompt.append(HAND_OVER).append('\n');
        prompt.append("Speak ").append(languageName(tenant.language())).append(".\n");
        String instructions = tenant.agentInstructions();
        if (instructions != null && !instructions.isBlank()) {
            prompt.append("Instructions from the business:\n").append(instructions.strip()).append('\n');
        }
        String greeting = tenant.greeting();
        return new CallPrompt(prompt.toString().strip(), greeting == null || greeting.isBlank() ? defaultGreeting : greeting);
    }

    /**
     * The prompt of a call to a number no active business answers (never set up, or deactivated): the
     * caller is told so at once, and the model is told not to take bookings.
     */
    public CallPrompt unknownNumber() {
        return new CallPrompt(basePrompt + "\n\nNo business answers on the number the caller dialled: it is not set up, "
                + "or the business no longer takes calls here. Tell the caller so honestly, do not offer or book any time, "
                + "and suggest they check the number.", UNKNOWN_NUMBER_GREETING);
    }

    /** What a caller hears first on a number no active business answers. */
    public static final String UNKNOWN_NUMBER_GREETING =
            "Hello. I'm sorry, this number is not taking bookings at the moment. Please check the number you called.";

    private static void today(StringBuilder prompt, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        prompt.append("Today is ").append(LONG_DATE.format(now)).append(" (").append(today).append(") and the local time is ")
                .append(CLOCK_TIME.format(now)).append(" (").append(now.getZone().getId()).append(", UTC")
                .append(now.getOffset() == ZoneOffset.UTC ? "" : now.getOffset().getId()).append(").\n");
        prompt.append("Work out the dates callers say (\"tomorrow\", \"next Friday\", \"the 3rd\") from today. "
                + "The tools take days as YYYY-MM-DD and times as YYYY-MM-DDTHH:MM, in the business's local time: "
                + "tomorrow at 3 pm is ").append(today.plusDays(1)).append("T15:00.\n");
    }

    private static void hours(StringBuilder prompt, OpeningHours hours, DayOfWeek today) {
        prompt.append("Opening hours:\n");
        for (DayOfWeek day : DayOfWeek.values()) {
            List<TimeRange> open = hours.on(day);
            prompt.append("- ").append(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                    .append(day == today ? " (today)" : "").append(": ")
                    .append(open.isEmpty() ? "closed" : open.stream()
                            .map(range -> CLOCK_TIME.format(range.start()) + "-" + CLOCK_TIME.format(range.end()))
                            .collect(Collectors.joining(" and ")))
                    .append('\n');
        }
    }

    private static void closures(StringBuilder prompt, List<Closure> closures) {
        if (closures.isEmpty()) {
            return;
        }
        prompt.append("Closed on: ").append(closures.stream().map(closure -> (closure.from().equals(closure.to())
                        ? closure.from().toString() : closure.from() + " to " + closure.to())
                        + (closure.reason().isBlank() ? "" : " (" + closure.reason().strip() + ")"))
                .collect(Collectors.joining(", "))).append(".\n");
    }

    private static void services(StringBuilder prompt, TenantCatalog catalog, @Nullable String currency) {
        if (catalog.services().isEmpty()) {
            prompt.append("No services are set up yet, so no appointment can be booked by phone; say so politely.\n");
            return;
        }
        prompt.append("Services:\n");
        for (ServiceInfo service : catalog.services()) {
            prompt.append("- ").append(service.name()).append(": ").append(service.minutes()).append(" minutes");
            if (service.priceCents() > 0) {
                prompt.append(", ").append(BigDecimal.valueOf(service.priceCents(), 2).toPlainString())
                        .append(currency == null ? "" : " " + currency);
            }
            List<String> offeredBy = catalog.staff().stream().filter(member -> member.offers(service)).map(StaffInfo::name).toList();
            if (!offeredBy.isEmpty() && offeredBy.size() < catalog.staff().size()) {
                prompt.append(" (").append(String.join(", ", offeredBy)).append(')');
            }
            prompt.append('\n');
        }
    }

    private static void staff(StringBuilder prompt, List<StaffInfo> staff) {
        if (!staff.isEmpty()) {
            prompt.append("Staff: ").append(staff.stream().map(StaffInfo::name).collect(Collectors.joining(", "))).append(".\n");
        }
    }

    private static void rules(StringBuilder prompt, TenantInfo tenant, BookingWindow window) {
        prompt.append("Appointments can be booked ");
        if (tenant.minNoticeMinutes() > 0) {
            prompt.append("at least ").append(span(tenant.minNoticeMinutes())).append(" ahead and ");
        }
        prompt.append("at most ").append(span(tenant.horizonDays() * 1440)).append(" ahead (the last day is ")
                .append(window.lastDay()).append(").\n");
    }

    private static void caller(StringBuilder prompt, String callerNumber) {
        PhoneNumbers.e164(callerNumber).ifPresentOrElse(
                number -> prompt.append("The caller is calling from ").append(number)
                        .append("; read it back to confirm it before booking with it as their phone number.\n"),
                () -> prompt.append("The caller's number is not known.\n"));
    }

    private static String span(int minutes) {
        if (minutes % 1440 == 0) {
            return plural(minutes / 1440, "day");
        }
        return minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
    }

    private static String plural(int count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    private static String languageName(@Nullable String tag) {
        Locale locale = Locale.forLanguageTag(tag == null || tag.isBlank() ? DEFAULT_LANGUAGE : tag);
        String name = locale.getDisplayName(Locale.ENGLISH);
        return name.isBlank() ? DEFAULT_LANGUAGE : name;
    }
}
