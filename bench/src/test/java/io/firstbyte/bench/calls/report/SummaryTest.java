package io.firstbyte.bench.calls.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void percentilesOfOneToHundredAreTheNearestRanks() {
        List<Double> values = IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList();

        Summary summary = Summary.ofMillis(values);

        assertThat(summary).isEqualTo(new Summary(100, 1.0, 50.0, 95.0, 99.0, 100.0));
    }

    @Test
    void percentilesOfTenValuesPickMeasuredValuesNeverInterpolations() {
        double[] ascending = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertThat(Summary.percentile(ascending, 50)).isEqualTo(5);
        assertThat(Summary.percentile(ascending, 95)).isEqualTo(10);
        assertThat(Summary.percentile(ascending, 99)).isEqualTo(10);
        assertThat(Summary.percentile(ascending, 10)).isEqualTo(1);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Summary.ofMillis(List.of(812.345))).isEqualTo(new Summary(1, 812.35, 812.35, 812.35, 812.35, 812.35));
    }

    @Test
    void nothingMeasuredGivesNoPercentiles() {
        assertThat(Summary.ofMillis(List.of())).isEqualTo(Summary.EMPTY);
        assertThat(Summary.EMPTY.p99()).isNull();
    }
}
