package io.firstbyte.app.booking.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantCatalogTest {

    @Test
    void servicesMatchCaseInsensitivelyAndByCommonSpellings() {
        TenantCatalog catalog = DayPlannerTest.salon(DayPlannerTest.range(9, 0, 17, 0));

        assertThat(catalog.service("haircut")).contains(DayPlannerTest.HAIRCUT);
        assertThat(catalog.service("COLOR")).contains(DayPlannerTest.COLOUR);
        assertThat(catalog.service("colour")).contains(DayPlannerTest.COLOUR);
        assertThat(catalog.service("haircuts")).contains(DayPlannerTest.HAIRCUT);
        assertThat(catalog.service(DayPlannerTest.COLOUR.id().toString())).contains(DayPlannerTest.COLOUR);
        assertThat(catalog.service("massage")).isEmpty();
    }

    @Test
    void staffMatchByNameIgnoringCase() {
        TenantCatalog catalog = DayPlannerTest.salon(DayPlannerTest.range(9, 0, 17, 0));

        assertThat(catalog.staffMember("ANNA")).map(StaffInfo::id).contains(DayPlannerTest.ANNA);
        assertThat(catalog.staffMember("Bob")).isEmpty();
    }
}
