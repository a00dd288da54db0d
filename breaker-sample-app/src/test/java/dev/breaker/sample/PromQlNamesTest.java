package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void metricsAndLabelsShouldBeToldFromFunctionsStringsRangesAndVariables() {
        PromQlNames names = new PromQlNames("sum by (name, outcome) (rate(breaker_calls_seconds_count"
                + "{name=~\"$name\", outcome!=\"rejected\"}[$__rate_interval])) / on(name) group_left "
                + "sum without (le) (increase(other_total[5m] offset 1h)) > bool 0.5 or up{job='a=b'}");
        assertThat(names.metrics()).containsExactly("breaker_calls_seconds_count", "other_total", "up");
        assertThat(names.labels()).containsExactly("job", "le", "name", "outcome");
    }

    @Test
    void arithmeticOfAggregationsShouldKeepEveryMetric() {
        PromQlNames names = new PromQlNames("sum by (name) (breaker_state{state=\"open\"}) * 2\n"
                + "+ sum by (name) (breaker_state_typo{state=\"half_open\"}) * 1");
        assertThat(names.metrics()).containsExactly("breaker_state", "breaker_state_typo");
        assertThat(names.labels()).containsExactly("name", "state");
    }
}
