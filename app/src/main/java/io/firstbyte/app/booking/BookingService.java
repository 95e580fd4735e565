package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.BookingWindow;
import io.firstbyte.app.booking.rules.BusyTimes;
import io.firstbyte.app.booking.rules.DayPlanner;
import io.firstbyte.app.booking.rules.Interval;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.SlotGrid;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.Appointment;
import io.firstbyte.app.booking.store.AppointmentStore;
import io.firstbyte.app.booking.store.AvailabilityStore;
import io.firstbyte.app.booking.store.IdempotencyClaim;
import io.firstbyte.app.booking.store.NewAppointment;
import io.firstbyte.app.booking.store.SqlStates;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The write side: book, cancel, reschedule. Each decision is checked against fresh database state
 * (never the cache), and the exclusion constraint settles races: of concurrent bookings for one
 * staff member and time exactly one commits, and the others get the nearest alternatives. Starts
 * must lie on the tenant's {@link SlotGrid}. A change made under an {@link IdempotencyClaim} whose
 * key already changed a booking is not made again: the answer is read back from that booking.
 */
public final class BookingService {

    private static final int CONFLICT_ALTERNATIVES = 3;

    /** A booking request after its arguments were checked. */
    public record Request(ServiceInfo service, LocalDateTime start, String customerName, @Nullable String customerPhone,
                          @Nullable StaffInfo staff) {
    }

    private final AppointmentStore appointments;
    private final AvailabilityStore availability;
    private final AvailabilityService alternatives;
    private final BookingGuards guards;
    private final Clock clock;

    public BookingService(AppointmentStore appointments, AvailabilityStore availability, AvailabilityService alternatives,
                          BookingGuards guards, Clock clock) {
        this.appointments = appointments;
        this.availability = availability;
        this.alternatives = alternatives;
        this.guards = guards;
        this.clock = clock;
    }

    public Mono<BookingOutcome> create(TenantCatalog catalog, Request request, @Nullable IdempotencyClaim claim) {
        if (claim != null && claim.committedBooking() != null) {
            return committed(catalog, claim.committedBooking(), BookingOutcome.Confirmed::new);
        }
        return Mono.defer(() -> book(catalog, tenantId(catalog), request, claim));
    }

    /** Cancels a confirmed booking of the tenant, or of {@code owner} only when the request comes from a call. */
    public Mono<BookingOutcome> cancel(TenantCatalog catalog, UUID bookingId, Requester owner, @Nullable IdempotencyClaim claim) {
        if (claim != null && claim.committedBooking() != null) {
            return committed(catalog, claim.committedBooking(), BookingOutcome.Cancelled::new);
        }
        if (owner.fromCall() && owner.callerPhone() == null) {
            return Mono.error(BookingFailures::noSuchBooking);
        }
        return guards.write(appointments.cancel(tenantId(catalog), bookingId, catalog.tenant().zone(), owner.callerPhone(), claim))
                .<BookingOutcome>map(done -> new BookingOutcome.Cancelled(catalog, done))
                .switchIfEmpty(Mono.error(BookingFailures::noSuchBooking));
    }

    /** Moves a confirmed booking of the tenant, or of {@code owner} only when the request comes from a call. */
    public Mono<BookingOutcome> reschedule(TenantCatalog catalog, UUID bookingId, LocalDateTime newStart, Requester owner,
                                           @Nullable IdempotencyClaim claim) {
        if (claim != null && claim.committedBooking() != null) {
            return committed(catalog, claim.committedBooking(), BookingOutcome.Rescheduled::new);
        }
        UUID tenant = tenantId(catalog);
        Instant start = startInstant(catalog, newStart);
        if (owner.fromCall() && owner.callerPhone() == null) {
            return Mono.error(BookingFailures::noSuchBooking);
        }
        Mono<Appointment> current = owner.callerPhone() == null ? appointments.find(tenant, bookingId)
                : appointments.findOfCustomer(tenant, bookingId, owner.callerPhone());
        return guards.read(current)
                .filter(Appointment::confirmed)
                .switchIfEmpty(Mono.error(BookingFailures::noSuchBooking))
                .flatMap(found -> move(catalog, tenant, found, start, claim));
    }

    /**
     * The confirmed bookings made with {@code customerPhone} that have not started yet, earliest first
     * (at most {@code limit}); with {@code name}, only those whose customer name contains it, ignoring case.
     */
    public Mono<List<Appointment>> upcoming(TenantCatalog catalog, String customerPhone, @Nullable String name, int limit) {
        return guards.read(Mono.defer(() -> appointments.upcomingOfCustomer(tenantId(catalog), customerPhone,
                clock.instant(), name, limit).collectList()));
    }

    public Mono<Appointment> find(TenantCatalog catalog, UUID bookingId) {
        return guards.read(appointments.find(tenantId(catalog), bookingId));
    }

    /** The answer of a change an earlier attempt under the same idempotency key already committed. */
    private Mono<BookingOutcome> committed(TenantCatalog catalog, UUID bookingId,
                                           BiFunction<TenantCatalog, Appointment, BookingOutcome> outcome) {
        return guards.read(appointments.find(tenantId(catalog), bookingId))
                .map(found -> outcome.apply(catalog, found))
                .switchIfEmpty(Mono.error(BookingFailures::noSuchBooking));
    }

    private Mono<BookingOutcome> book(TenantCatalog catalog, UUID tenant, Request request, @Nullable IdempotencyClaim claim) {
        ServiceInfo service = request.service();
        Instant start = startInstant(catalog, request.start());
        LocalDate day = start.atZone(catalog.tenant().zone()).toLocalDate();
        return guards.read(availability.busy(tenant, catalog.tenant().zone(), day, day))
                .flatMap(busy -> {
                    StaffInfo staff = chooseStaff(catalog, service, start, request.staff(), busy, null);
                    if (staff == null) {
                        return conflict(catalog, service, request.start(), request.staff());
                    }
                    Interval blocked = DayPlanner.blockedRange(service, start);
                    NewAppointment row = new NewAppointment(staff.id(), service.id(), request.customerName(),
                            request.customerPhone(), start, start.plus(service.duration()), blocked);
                    return guards.write(appointments.insert(tenant, row, catalog.tenant().zone(), claim))
                            .<BookingOutcome>map(saved -> new BookingOutcome.Confirmed(catalog, saved))
                            .onErrorResume(error -> SqlStates.is(error, SqlStates.EXCLUSION_VIOLATION),
                                    error -> conflict(catalog, service, request.start(), staff));
                });
    }

    private Mono<BookingOutcome> move(TenantCatalog catalog, UUID tenant, Appointment current, Instant start,
                                      @Nullable IdempotencyClaim claim) {
        ServiceInfo service = catalog.serviceById(current.serviceId())
                .orElseThrow(() -> BookingFailures.invalid("that booking's service is no longer offered"));
        StaffInfo staff = catalog.staffById(current.staffId())
                .orElseThrow(() -> BookingFailures.invalid("that booking's staff member is no longer available"));
        LocalDate day = start.atZone(catalog.tenant().zone()).toLocalDate();
        LocalDateTime local = LocalDateTime.ofInstant(start, catalog.tenant().zone());
        return guards.read(availability.busy(tenant, catalog.tenant().zone(), day, day))
                .flatMap(busy -> {
                    if (chooseStaff(catalog, service, start, staff, busy, current) == null) {
                        return conflict(catalog, service, local, staff);
                    }
                    Interval blocked = DayPlanner.blockedRange(service, start);
                    return guards.write(appointments.move(tenant, current.id(), start, start.plus(service.duration()),
                                    blocked, catalog.tenant().zone(), claim))
                            .<BookingOutcome>map(moved -> new BookingOutcome.Rescheduled(catalog, moved))
                            .switchIfEmpty(Mono.error(BookingFailures::noSuchBooking))
                            .onErrorResume(error -> SqlStates.is(error, SqlStates.EXCLUSION_VIOLATION),
                                    error -> conflict(catalog, service, local, staff));
                });
    }

    /** The requested staff member, or the first who offers the service and is free then; null if none. */
    private static @Nullable StaffInfo chooseStaff(TenantCatalog catalog, ServiceInfo service, Instant start,
                                                   @Nullable StaffInfo requested, BusyTimes busy, @Nullable Appointment moving) {
        Interval blocked = DayPlanner.blockedRange(service, start);
        List<StaffInfo> candidates = requested == null ? catalog.staff() : List.of(requested);
        for (StaffInfo staff : candidates) {
            boolean free = busy.blockedFor(staff.id()).stream()
                    .filter(taken -> moving == null || !taken.equals(new Interval(moving.blockedFrom(), moving.blockedUntil())))
                    .noneMatch(taken -> taken.overlaps(blocked));
            if (free && DayPlanner.fitsWorkingHours(catalog, staff, service, start, busy)) {
                return staff;
            }
        }
        return null;
    }

    private Mono<BookingOutcome> conflict(TenantCatalog catalog, ServiceInfo service, LocalDateTime around,
                                          @Nullable StaffInfo preferred) {
        return alternatives.alternatives(catalog, service, around, CONFLICT_ALTERNATIVES,
                        preferred == null ? null : preferred.id())
                .map(answer -> new BookingOutcome.Conflict(catalog, answer.slots()));
    }

    /** The instant of a local start, refusing wall-clock times that do not exist, off the grid or outside the window. */
    private Instant startInstant(TenantCatalog catalog, LocalDateTime local) {
        ZonedDateTime zoned = ZonedDateTime.ofLocal(local, catalog.tenant().zone(), null);
        if (!zoned.toLocalDateTime().equals(local)) {
            throw BookingFailures.invalid("that time does not exist on that day because the clocks change");
        }
        BookingWindow window = BookingWindow.of(catalog.tenant(), clock);
        Instant start = zoned.toInstant();
        if (!start.isBefore(window.latest())) {
            throw BookingFailures.invalid("bookings are only taken up to " + window.lastDay());
        }
        if (start.isBefore(window.earliest())) {
            throw BookingFailures.invalid(start.isBefore(clock.instant()) ? "that time has already passed"
                    : "that is too soon; bookings need " + catalog.tenant().minNoticeMinutes() + " minutes' notice");
        }
        SlotGrid grid = new SlotGrid(catalog.tenant().slotMinutes());
        if (!grid.contains(local.toLocalTime())) {
            throw BookingFailures.invalid(grid.refusal(local.toLocalTime()));
        }
        return start;
    }

    private static UUID tenantId(TenantCatalog catalog) {
        return UUID.fromString(catalog.tenant().id());
    }
}
