package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Slots to offer, with what is needed to say them: the tenant (its zone, staff names) and the dates asked
 * about; and, when the request named a time, that time and whether it is free.
 */
public record SlotAnswer(TenantCatalog catalog, ServiceInfo service, LocalDate date, @Nullable LocalDate dateTo,
                         List<Slot> slots, @Nullable Asked asked) {

    /** The local time a request named, and whether it is free. */
    public record Asked(LocalDateTime time, boolean free) {
    }

    public SlotAnswer(TenantCatalog catalog, ServiceInfo service, LocalDate date, @Nullable LocalDate dateTo, List<Slot> slots) {
        this(catalog, service, date, dateTo, slots, null);
    }
}
