package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Slots to offer, with what is needed to say them: the tenant (its zone, staff names) and the dates asked about. */
public record SlotAnswer(TenantCatalog catalog, ServiceInfo service, LocalDate date, @Nullable LocalDate dateTo,
                         List<Slot> slots) {
}
