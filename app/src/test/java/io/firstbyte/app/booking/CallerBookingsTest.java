package io.firstbyte.app.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.booking.store.Appointment;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.tool.ToolException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** What find_my_bookings answers, and whose number it looks up, without a database. */
class CallerBookingsTest {

    static final ServiceInfo HAIRCUT = new ServiceInfo(UUID.randomUUID(), "Haircut", 30, 0, 0, 4500);
    static final StaffInfo ANNA = new StaffInfo(UUID.randomUUID(), "Anna", Set.of(HAIRCUT.id()), Map.of(), Map.of());
    static final TenantCatalog SALON = new TenantCatalog(
            new TenantInfo(UUID.randomUUID().toString(), "Salon", "Europe/Berlin", 30, 60, 60), List.of(HAIRCUT), List.of(ANNA));
    static final String CALLER = "+4915112345678";

    /** The lookups asked for: "phone|name|limit". */
    final List<String> lookups = new ArrayList<>();
    List<Appointment> stored = List.of();
    final CallerBookings tool = new CallerBookings(this::lookup);

    Mono<List<Appointment>> lookup(TenantCatalog catalog, String phone, @Nullable String name, int limit) {
        lookups.add(phone + "|" + name + "|" + limit);
        return Mono.just(stored.subList(0, Math.min(limit, stored.size())));
    }

    @Test
    void eachBookingIsListedWithItsIdServiceStaffAndLocalStartInTheTenantsZone() {
        Appointment haircut = appointment("2026-12-08T14:00:00Z", "Sam Taylor");
        stored = List.of(haircut);

        JsonNode answer = tool.find(SALON, Requester.call(SALON.tenant().id(), CALLER, null), null, null).block();

        assertThat(answer.toString()).isEqualTo("{\"time_zone\":\"Europe/Berlin\",\"bookings\":[{\"booking_id\":\""
                + haircut.id() + "\",\"service\":\"Haircut\",\"staff\":\"Anna\",\"start\":\"2026-12-08T15:00\","
                + "\"end\":\"2026-12-08T15:30\",\"customer_name\":\"Sam Taylor\"}]}");
        assertThat(lookups).containsExactly(CALLER + "|null|" + (CallerBookings.LIMIT + 1));
    }

    @Test
    void aCallWithoutACallerNumberIsToldSoInASentenceAndNothingIsLookedUp() {
        JsonNode answer = tool.find(SALON, Requester.call(SALON.tenant().id(), "anonymous", null), null, null).block();

        assertThat(answer.path("bookings").isEmpty()).isTrue();
        assertThat(answer.path("message").asString()).isEqualTo(CallerBookings.NO_CALLER_NUMBER)
                .startsWith("I can't see the number you're calling from");
        assertThat(lookups).isEmpty();
    }

    @Test
    void aCallCannotLookUpAnotherNumberThanTheOneItComesFrom() {
        Requester caller = Requester.call(SALON.tenant().id(), CALLER, null);

        assertThatThrownBy(() -> tool.find(SALON, caller, "+15550001111", null))
                .isInstanceOf(ToolException.class).hasMessageContaining("number the caller is calling from");
        tool.find(SALON, caller, "+49 151 12345678", null).block();
        assertThat(lookups).containsExactly(CALLER + "|null|" + (CallerBookings.LIMIT + 1));
    }

    @Test
    void theApiLooksUpTheNumberItNamesAndNeedsOne() {
        Requester api = Requester.api(SALON.tenant().id(), null);

        assertThatThrownBy(() -> tool.find(SALON, api, null, null))
                .isInstanceOf(ToolException.class).hasMessageContaining("customer_phone is required");
        tool.find(SALON, api, "+15550001111", "sam").block();
        assertThat(lookups).containsExactly("+15550001111|sam|" + (CallerBookings.LIMIT + 1));
    }

    @Test
    void noBookingsSaySoAndANameSaysThatItNarrowed() {
        Requester caller = Requester.call(SALON.tenant().id(), CALLER, null);

        assertThat(tool.find(SALON, caller, null, null).block().path("message").asString())
                .isEqualTo("no upcoming bookings for this number");
        assertThat(tool.find(SALON, caller, null, "Kim").block().path("message").asString())
                .isEqualTo("no upcoming bookings under that name for this number");
    }

    @Test
    void atMostTheLimitIsListedAndMoreSaysThereWereOthers() {
        stored = IntStream.range(0, CallerBookings.LIMIT + 3)
                .mapToObj(i -> appointment(Instant.parse("2026-12-08T09:00:00Z").plusSeconds(3600L * i).toString(), "Sam"))
                .toList();

        JsonNode answer = tool.find(SALON, Requester.call(SALON.tenant().id(), CALLER, null), null, null).block();

        assertThat(answer.path("bookings")).hasSize(CallerBookings.LIMIT);
        assertThat(answer.path("more").asBoolean()).isTrue();
        assertThat(answer.has("message")).isFalse();
    }

    static Appointment appointment(String start, String customer) {
        Instant from = Instant.parse(start);
        Instant until = from.plus(HAIRCUT.duration());
        return new Appointment(UUID.randomUUID(), ANNA.id(), HAIRCUT.id(), customer, from, until, from, until, "confirmed");
    }
}
