package io.firstbyte.app.booking;

import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.Appointment;
import io.firstbyte.app.booking.tools.ToolAnswers;
import io.firstbyte.app.tenant.PhoneNumbers;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code find_my_bookings}: the upcoming confirmed bookings of one phone number, each with the id that
 * {@code cancel_booking} and {@code reschedule_booking} take, so a caller never has to say one. From a
 * call (the agent, Vapi, Retell) the number is the caller's own and no other: a call without a caller
 * number gets a sentence the model can say instead. From the API (a tenant key, which sees every booking
 * of the tenant anyway) the number is the {@code customer_phone} argument, which is then required.
 */
public final class CallerBookings {

    /** At most this many are listed: a caller hears them read out. */
    public static final int LIMIT = 10;
    public static final String NO_CALLER_NUMBER = "I can't see the number you're calling from, so I can't look up "
            + "your bookings. If you call again from the number you booked with, I can find them.";

    /** Reads a number's upcoming bookings (as {@link BookingService#upcoming}). */
    public interface Lookup {
        Mono<List<Appointment>> upcoming(TenantCatalog catalog, String customerPhone, @Nullable String name, int limit);
    }

    private final Lookup lookup;

    public CallerBookings(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The bookings of the requester's number (a call) or of {@code phoneArgument} (the API), narrowed by {@code name}. */
    public Mono<JsonNode> find(TenantCatalog catalog, Requester requester, @Nullable String phoneArgument,
                               @Nullable String name) {
        String phone = requester.fromCall() ? callersOwn(requester, phoneArgument) : phoneArgument;
        if (phone == null) {
            if (requester.fromCall()) {
                return Mono.just(ToolAnswers.callerBookings(catalog, List.of(), LIMIT, NO_CALLER_NUMBER));
            }
            throw BookingFailures.invalid("customer_phone is required: the phone number the bookings were made with");
        }
        return lookup.upcoming(catalog, phone, name, LIMIT + 1).map(found -> ToolAnswers.callerBookings(catalog, found, LIMIT,
                found.isEmpty() ? (name == null ? "no upcoming bookings for this number"
                        : "no upcoming bookings under that name for this number") : null));
    }

    /** A call may look up only the number it comes from; naming that same number again is harmless. */
    private static @Nullable String callersOwn(Requester requester, @Nullable String phoneArgument) {
        String caller = requester.callerPhone();
        if (phoneArgument != null && !Objects.equals(PhoneNumbers.e164(phoneArgument).orElse(phoneArgument), caller)) {
            throw BookingFailures.invalid("only the bookings of the number the caller is calling from can be looked up");
        }
        return caller;
    }
}
