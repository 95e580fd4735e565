package io.firstbyte.app.booking.rules;

import io.firstbyte.app.tenant.TenantInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** When a booking may start for a tenant right now: after the minimum notice, within the horizon. */
public record BookingWindow(Instant earliest, Instant latest, LocalDate today, LocalDate lastDay) {

    public static BookingWindow of(TenantInfo tenant, Clock clock) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(tenant.zone()).toLocalDate();
        LocalDate lastDay = today.plusDays(tenant.horizonDays());
        return new BookingWindow(now.plus(Duration.ofMinutes(tenant.minNoticeMinutes())),
                lastDay.plusDays(1).atStartOfDay(tenant.zone()).toInstant(), today, lastDay);
    }

    public boolean allows(Instant start) {
        return !start.isBefore(earliest) && start.isBefore(latest);
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(today) && !day.isAfter(lastDay);
    }
}
