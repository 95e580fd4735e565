package io.firstbyte.app.booking.tools;

import io.firstbyte.app.booking.BookingOutcome;
import io.firstbyte.app.booking.SlotAnswer;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.Appointment;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the model reads: times in the tenant's wall-clock ({@code YYYY-MM-DDTHH:MM}), staff by name. */
public final class ToolAnswers {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private ToolAnswers() {
    }

    public static ObjectNode slots(SlotAnswer answer) {
        ObjectNode json = ToolArgs.JSON.createObjectNode();
        json.put("date", answer.date().toString());
        if (answer.dateTo() != null) {
            json.put("date_to", answer.dateTo().toString());
        }
        json.put("time_zone", answer.catalog().tenant().timeZone());
        json.put("service", answer.service().name());
        json.set("slots", slotArray(answer.catalog(), answer.slots()));
        SlotAnswer.Asked asked = answer.asked();
        if (asked != null) {
            json.putObject("requested").put("start", asked.time().format(LOCAL)).put("free", asked.free());
        }
        if (answer.slots().isEmpty()) {
            json.put("message", "no free times found");
        } else if (asked != null && !asked.free()) {
            json.put("message", "the requested time is not free; find_alternatives gives the nearest free times");
        }
        return json;
    }

    public static ObjectNode outcome(BookingOutcome outcome) {
        return switch (outcome) {
            case BookingOutcome.Confirmed confirmed -> appointment("confirmed", confirmed.catalog(), confirmed.appointment());
            case BookingOutcome.Cancelled cancelled -> appointment("cancelled", cancelled.catalog(), cancelled.appointment());
            case BookingOutcome.Rescheduled moved -> appointment("rescheduled", moved.catalog(), moved.appointment());
            case BookingOutcome.Conflict conflict -> {
                ObjectNode json = ToolArgs.JSON.createObjectNode();
                json.put("status", "conflict");
                json.put("message", conflict.alternatives().isEmpty()
                        ? "that time is not available and nothing close is free"
                        : "that time is not available; these are the nearest free times");
                json.set("alternatives", slotArray(conflict.catalog(), conflict.alternatives()));
                yield json;
            }
        };
    }

    public static ObjectNode appointment(String status, TenantCatalog catalog, Appointment appointment) {
        ObjectNode json = ToolArgs.JSON.createObjectNode();
        json.put("status", "confirmed".equals(status) && !appointment.confirmed() ? appointment.status() : status);
        json.put("booking_id", appointment.id().toString());
        json.put("start", local(catalog, appointment.start()));
        json.put("end", local(catalog, appointment.end()));
        json.put("staff", catalog.staffName(appointment.staffId()));
        json.put("service", catalog.serviceById(appointment.serviceId()).map(s -> s.name()).orElse(""));
        json.put("customer_name", appointment.customerName());
        json.put("time_zone", catalog.tenant().timeZone());
        return json;
    }

    /**
     * A caller's upcoming bookings (the first {@code limit} of {@code found}; {@code "more": true} when
     * there were more), each with the id the change tools take; {@code message} says why there are none.
     */
    public static ObjectNode callerBookings(TenantCatalog catalog, List<Appointment> found, int limit,
                                            @Nullable String message) {
        ObjectNode json = ToolArgs.JSON.createObjectNode();
        json.put("time_zone", catalog.tenant().timeZone());
        ArrayNode bookings = json.putArray("bookings");
        for (Appointment appointment : found.subList(0, Math.min(limit, found.size()))) {
            bookings.addObject()
                    .put("booking_id", appointment.id().toString())
                    .put("service", catalog.serviceById(appointment.serviceId()).map(ServiceInfo::name).orElse(""))
                    .put("staff", catalog.staffName(appointment.staffId()))
                    .put("start", local(catalog, appointment.start()))
                    .put("end", local(catalog, appointment.end()))
                    .put("customer_name", appointment.customerName());
        }
        if (found.size() > limit) {
            json.put("more", true);
        }
        if (message != null) {
            json.put("message", message);
        }
        return json;
    }

    private static ArrayNode slotArray(TenantCatalog catalog, List<Slot> slots) {
        ArrayNode array = ToolArgs.JSON.createArrayNode();
        for (Slot slot : slots) {
            array.addObject().put("start", local(catalog, slot.start())).put("staff", catalog.staffName(slot.staffId()));
        }
        return array;
    }

    private static String local(TenantCatalog catalog, Instant instant) {
        return LocalDateTime.ofInstant(instant, catalog.tenant().zone()).format(LOCAL);
    }
}
