package io.firstbyte.app.booking.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.booking.SlotAnswer;
import io.firstbyte.app.booking.rules.ServiceInfo;
import io.firstbyte.app.booking.rules.Slot;
import io.firstbyte.app.booking.rules.StaffInfo;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.tenant.TenantInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolAnswersTest {

    static final ServiceInfo HAIRCUT = new ServiceInfo(UUID.randomUUID(), "Haircut", 30, 0, 0, 0);
    static final StaffInfo BEN = new StaffInfo(UUID.randomUUID(), "Ben", Set.of(HAIRCUT.id()), Map.of(), Map.of());
    static final TenantCatalog SALON = new TenantCatalog(
            new TenantInfo(UUID.randomUUID().toString(), "Salon", "America/New_York", 30, 60, 0), List.of(HAIRCUT), List.of(BEN));
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final List<Slot> FREE = List.of(new Slot(Instant.parse("2026-11-24T16:00:00Z"), BEN.id()));

    @Test
    void anAskedTimeThatIsTakenSaysSoAndPointsToTheAlternatives() {
        JsonNode json = ToolAnswers.slots(new SlotAnswer(SALON, HAIRCUT, DAY, null, FREE,
                new SlotAnswer.Asked(LocalDateTime.of(DAY, java.time.LocalTime.of(15, 0)), false)));

        assertThat(json.path("requested").toString()).isEqualTo("{\"start\":\"2026-11-24T15:00\",\"free\":false}");
        assertThat(json.path("message").asString()).contains("not free", "find_alternatives");
        assertThat(json.path("slots").path(0).path("start").asString()).isEqualTo("2026-11-24T11:00");
    }

    @Test
    void anAskedTimeThatIsFreeNeedsNoMessage() {
        JsonNode json = ToolAnswers.slots(new SlotAnswer(SALON, HAIRCUT, DAY, null, FREE,
                new SlotAnswer.Asked(LocalDateTime.of(DAY, java.time.LocalTime.of(11, 0)), true)));

        assertThat(json.path("requested").path("free").asBoolean()).isTrue();
        assertThat(json.has("message")).isFalse();
    }
}
