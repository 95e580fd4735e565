package io.firstbyte.app.handover;

import io.firstbyte.app.agent.OpeningHours;
import io.firstbyte.app.booking.rules.TenantCatalog;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * Whether a business is open at an instant, in its own time zone: not on a closure day, and within its
 * opening hours (its own when it set them, else when its staff work).
 */
final class OpenNow {

    private OpenNow() {
    }

    static boolean at(TenantCatalog catalog, Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, catalog.tenant().zone());
        return !catalog.calendar().closedOn(local.toLocalDate()) && at(OpeningHours.of(catalog), local);
    }

    static boolean at(OpeningHours hours, LocalDateTime local) {
        return hours.on(local.getDayOfWeek()).stream()
                .anyMatch(range -> !local.toLocalTime().isBefore(range.start()) && local.toLocalTime().isBefore(range.end()));
    }
}
