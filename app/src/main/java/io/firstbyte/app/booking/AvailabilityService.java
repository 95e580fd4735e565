package io.firstbyte.app.booking;

import io.firstbyte.app.booking.cache.OffLoopLog;
import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.SlotPicker;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The read side: free slots for a day or range, the nearest alternatives to a time, and the next
 * available day. Never offers a time in the past, inside the minimum notice, or past the horizon.
 */
public final class AvailabilityService {

    public static final int MAX_SPOKEN_SLOTS = 8;
    public static final int MAX_RANGE_DAYS = 14;
    private static final int NEXT_AVAILABLE_SLOTS = 4;
    private static final int DAYS_IN_FLIGHT = 4;
    private static final Logger log = LoggerFactory.getLogger(AvailabilityService.class);

    private final SlotSource source;
    private final PrefetchedDays prefetched;
    private final Clock clock;

    public AvailabilityService(SlotSource source, Clock clock) {
        this(source, new PrefetchedDays(source, PrefetchedDays.Settings.OFF), clock);
    }

    public AvailabilityService(SlotSource source, PrefetchedDays prefetched, Clock clock) {
        this.source = source;
        this.prefetched = prefetched;
        this.clock = clock;
    }

    public Mono<SlotAnswer> check(TenantCatalog catalog, ServiceInfo service, LocalDate date, @Nullable LocalDate dateTo,
                                  @Nullable StaffInfo staff) {
        return check(catalog, service, date, dateTo, null, staff);
    }

    /**
     * Free slots of the day (or range); with {@code time}, the answer also says whether that time of
     * {@code date} is free, and from a call the days around it are read in the background for the
     * likely {@link #alternatives} that follow ({@link PrefetchedDays}).
     */
    public Mono<SlotAnswer> check(TenantCatalog catalog, ServiceInfo service, LocalDate date, @Nullable LocalDate dateTo,
                                  @Nullable LocalTime time, @Nullable StaffInfo staff) {
        BookingWindow window = BookingWindow.of(catalog.tenant(), clock);
        LocalDate last = dateTo == null ? date : dateTo;
        requireDays(window, date, last);
        Mono<SlotAnswer> answer = Flux.fromStream(date.datesUntil(last.plusDays(1)))
                .flatMapSequential(day -> source.day(catalog, service, day), DAYS_IN_FLIGHT)
                .flatMapIterable(slots -> slots)
                .filter(slot -> window.allows(slot.start()) && servedBy(slot, staff))
                .collectList()
                .map(slots -> new SlotAnswer(catalog, service, date, dateTo, SlotPicker.spread(slots, MAX_SPOKEN_SLOTS),
                        time == null ? null : asked(catalog, date.atTime(time), slots)));
        return time == null ? answer
                : answer.flatMap(found -> prefetched.around(catalog, service, date.atTime(time), window).thenReturn(found));
    }

    private static SlotAnswer.Asked asked(TenantCatalog catalog, LocalDateTime time, List<Slot> free) {
        Instant start = time.atZone(catalog.tenant().zone()).toInstant();
        return new SlotAnswer.Asked(time, free.stream().anyMatch(slot -> slot.start().equals(start)));
    }

    /**
     * The {@code count} free slots nearest {@code around} (the day before, of and after), same staff first.
     * Days read in the background after a {@link #check} of a time are taken from memory while current.
     */
    public Mono<SlotAnswer> alternatives(TenantCatalog catalog, ServiceInfo service, LocalDateTime around, int count,
                                         @Nullable UUID preferredStaff) {
        BookingWindow window = BookingWindow.of(catalog.tenant(), clock);
        Instant anchor = around.atZone(catalog.tenant().zone()).toInstant();
        if (!anchor.isBefore(window.latest())) {
            throw BookingFailures.invalid("that is beyond how far ahead bookings are taken ("
                    + catalog.tenant().horizonDays() + " days)");
        }
        return Mono.defer(() -> {
            AtomicInteger failed = new AtomicInteger();
            return Flux.fromStream(around.toLocalDate().minusDays(1).datesUntil(around.toLocalDate().plusDays(2)))
                    .filter(window::covers)
                    .flatMapSequential(day -> prefetched.day(catalog, service, day)
                            .onErrorResume(error -> skipDay(day, error, failed)), DAYS_IN_FLIGHT)
                    .flatMapIterable(slots -> slots)
                    .filter(slot -> window.allows(slot.start()))
                    .collectList()
                    .flatMap(slots -> slots.isEmpty() && failed.get() > 0 ? Mono.error(new UnavailableDays())
                            : Mono.just(new SlotAnswer(catalog, service, around.toLocalDate(), null,
                            SlotPicker.nearest(slots, anchor, count, preferredStaff))));
        });
    }

    /** The first day with a free slot at or after {@code after}, searching day by day up to the horizon. */
    public Mono<SlotAnswer> nextAvailable(TenantCatalog catalog, ServiceInfo service, @Nullable LocalDateTime after,
                                          @Nullable StaffInfo staff) {
        BookingWindow window = BookingWindow.of(catalog.tenant(), clock);
        Instant from = after == null ? window.earliest() : after.atZone(catalog.tenant().zone()).toInstant();
        LocalDate first = after == null || after.toLocalDate().isBefore(window.today()) ? window.today() : after.toLocalDate();
        if (first.isAfter(window.lastDay())) {
            throw BookingFailures.invalid("that is beyond how far ahead bookings are taken ("
                    + catalog.tenant().horizonDays() + " days)");
        }
        return Mono.defer(() -> {
            AtomicInteger failed = new AtomicInteger();
            return Flux.fromStream(first.datesUntil(window.lastDay().plusDays(1)))
                    .flatMapSequential(day -> source.day(catalog, service, day)
                            .onErrorResume(error -> skipDay(day, error, failed))
                            .map(slots -> usable(slots, window, from, staff)), DAYS_IN_FLIGHT, 1)
                    .filter(slots -> !slots.isEmpty())
                    .next()
                    .map(slots -> new SlotAnswer(catalog, service,
                            slots.getFirst().start().atZone(catalog.tenant().zone()).toLocalDate(), null,
                            SlotPicker.earliest(slots, NEXT_AVAILABLE_SLOTS)))
                    .switchIfEmpty(Mono.defer(() -> failed.get() > 0 ? Mono.error(new UnavailableDays())
                            : Mono.just(new SlotAnswer(catalog, service, first, window.lastDay(), List.of()))));
        });
    }

    private static List<Slot> usable(List<Slot> slots, BookingWindow window, Instant from, @Nullable StaffInfo staff) {
        return slots.stream().filter(slot -> window.allows(slot.start()) && !slot.start().isBefore(from)
                && servedBy(slot, staff)).toList();
    }

    private static void requireDays(BookingWindow window, LocalDate from, LocalDate to) {
        if (from.isBefore(window.today())) {
            throw BookingFailures.invalid("that date is in the past; today is " + window.today());
        }
        if (to.isBefore(from)) {
            throw BookingFailures.invalid("date_to must not be before date");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw BookingFailures.invalid("ask for at most " + MAX_RANGE_DAYS + " days at once");
        }
        if (from.isAfter(window.lastDay())) {
            throw BookingFailures.invalid("bookings are only taken up to " + window.lastDay());
        }
    }

    private static boolean servedBy(Slot slot, @Nullable StaffInfo staff) {
        return staff == null || staff.id().equals(slot.staffId());
    }

    private static Mono<List<Slot>> skipDay(LocalDate day, Throwable error, AtomicInteger failed) {
        failed.incrementAndGet();
        OffLoopLog.warn(log, "availability of {} skipped: {}", day, error.getClass().getSimpleName());
        return Mono.just(List.of());
    }

    /** Some days could not be read and none of the others had a slot: the answer would not be honest. */
    static final class UnavailableDays extends RuntimeException {
        UnavailableDays() {
            super("some days could not be read", null, false, false);
        }
    }
}
