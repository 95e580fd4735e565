package io.firstbyte.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TenantLabelsTest {

    private final List<String> evicted = new ArrayList<>();
    private final TenantLabels labels = new TenantLabels(2, evicted::add);

    private void calls(String tenant, int count) {
        IntStream.range(0, count).forEach(i -> labels.called(tenant));
    }

    @Test
    void theFirstTenantsUpToTheLimitKeepTheirOwnLabelAndTheRestAreOther() {
        assertThat(labels.called("a")).isEqualTo("a");
        assertThat(labels.called("b")).isEqualTo("b");
        assertThat(labels.called("c")).isEqualTo(TenantLabels.OTHER);
        assertThat(labels.label("d")).isEqualTo(TenantLabels.OTHER);
    }

    @Test
    void aCallWithoutATenantIsNone() {
        assertThat(labels.called(null)).isEqualTo(TenantLabels.NONE);
        assertThat(labels.called("")).isEqualTo(TenantLabels.NONE);
    }

    @Test
    void aTenantWithClearlyMoreCallsTakesTheWeakestPlaceWhichIsHandedBackForItsSeriesToGo() {
        calls("a", 10);
        calls("b", 4);
        calls("c", 5);
        assertThat(labels.label("c")).as("5 calls are not clearly more than 4").isEqualTo(TenantLabels.OTHER);

        calls("c", 1);

        assertThat(labels.label("c")).isEqualTo("c");
        assertThat(labels.label("b")).isEqualTo(TenantLabels.OTHER);
        assertThat(labels.label("a")).isEqualTo("a");
        assertThat(evicted).containsExactly("b");
    }

    @Test
    void aThousandTenantsStillMakeAtMostTheLimitPlusOtherAndNone() {
        TenantLabels twenty = new TenantLabels(20, tenant -> { });
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 5; round++) {
            for (int tenant = 0; tenant < 1_000; tenant++) {
                seen.add(twenty.called("t" + (tenant * (round + 1)) % 1_000));
            }
        }
        IntStream.range(0, 1_000).mapToObj(tenant -> twenty.label("t" + tenant)).forEach(seen::add);
        assertThat(IntStream.range(0, 1_000).mapToObj(tenant -> twenty.label("t" + tenant)).distinct().count())
                .isLessThanOrEqualTo(21);
    }
}
