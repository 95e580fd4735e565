package io.firstbyte.app.handover;

import io.firstbyte.app.agent.OpeningHours;
import io.firstbyte.app.booking.rules.TenantCatalog;
import java.time.Instant;
import java.time.LocalDateTime;

/** Whether a business is open at an instant, by its opening hours in its own time zone. */
final class OpenNow {

    private OpenNow() {
    }

    static boolean at(TenantCatalog catalog, Instant now) {
        // Once businesses have hours of their own (V23, the admin API), this is OpeningHours.of(catalog)
        // and the catalog's closures; until then a business is open while its staff work.
        return at(OpeningHours.ofStaff(catalog.staff()), LocalDateTime.ofInstant(now, catalog.tenant().zone()));
    }

    static boolean at(OpeningHours hours, LocalDateTime local) {
        return hours.on(local.getDayOfWeek()).stream()
                .anyMatch(range -> !local.toLocalTime().isBefore(range.start()) && local.toLocalTime().isBefore(range.end()));
    }
}
