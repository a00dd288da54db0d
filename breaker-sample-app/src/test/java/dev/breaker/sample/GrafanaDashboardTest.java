package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Grafana dashboard in {@code docs/grafana} against a real Prometheus scrape of the sample:
 * every query names only metrics and labels that the scrape holds, and the dashboard charts
 * state, health score, next retry, failure rate, call outcomes and transitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("../docs/grafana/breaker-dashboard.json");

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? \\S+");

    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*\\}\\}");

    @LocalServerPort
    int port;

    private String json;

    private Map<String, Set<String>> scraped;

    @BeforeEach
    void scrapeAfterEveryKindOfEvent() throws IOException {
        Http http = new Http(this.port);
        http.get("/api/quotes/ACME");
        http.post("/downstream/market-data?failureRate=1");
        for (int i = 0; i < 6; i++) {
            http.get("/api/quotes/ACME");
        }
        http.get("/api/bots/alice");
        HttpResponse<String> scrape = http.get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        this.scraped = labelsByMetric(scrape.body());
        this.json = Files.readString(DASHBOARD);
    }

    @Test
    void everyQueryShouldNameOnlyMetricsAndLabelsOfTheScrape() {
        List<String> queries = JsonPath.read(this.json, "$.panels[*].targets[*].expr");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        for (String query : queries) {
            PromQlNames names = new PromQlNames(query);
            assertThat(names.metrics()).as(query).isNotEmpty();
            assertThat(this.scraped.keySet()).as("metrics of " + query).containsAll(names.metrics());
            assertThat(labelsOf(names.metrics())).as("labels of " + query).containsAll(names.labels());
        }
    }

    @Test
    void everyLegendShouldNameOnlyLabelsOfItsQuery() {
        List<Map<String, String>> targets = JsonPath.read(this.json, "$.panels[*].targets[*]");
        for (Map<String, String> target : targets) {
            Set<String> legendLabels = new HashSet<>();
            Matcher label = LEGEND_LABEL.matcher(target.get("legendFormat"));
            while (label.find()) {
                legendLabels.add(label.group(1));
            }
            assertThat(labelsOf(new PromQlNames(target.get("expr")).metrics())).as(target.get("legendFormat"))
                .containsAll(legendLabels);
        }
    }

    @Test
    void breakerVariableShouldListTheNamesOfAScrapedMetric() {
        List<String> variables = JsonPath.read(this.json, "$.templating.list[*].query.query");
        assertThat(variables).isNotEmpty().allSatisfy((query) -> {
            Matcher labelValues = LABEL_VALUES.matcher(query);
            assertThat(labelValues.matches()).as(query).isTrue();
            assertThat(this.scraped).as(query).containsKey(labelValues.group(1));
            assertThat(this.scraped.get(labelValues.group(1))).as(query).contains(labelValues.group(2));
        });
    }

    @Test
    void dashboardShouldChartStateHealthNextRetryFailureRateOutcomesAndTransitions() {
        List<String> queries = JsonPath.read(this.json, "$.panels[*].targets[*].expr");
        Set<String> charted = new HashSet<>();
        queries.forEach((query) -> charted.addAll(new PromQlNames(query).metrics()));
        assertThat(charted).contains("breaker_state", "breaker_health_score", "breaker_next_retry_seconds",
                "breaker_failure_rate", "breaker_calls_seconds_count", "breaker_transitions_total");
        assertThat(this.scraped.get("breaker_calls_seconds_count")).contains("name", "outcome");
        assertThat(this.scraped.get("breaker_transitions_total")).contains("name", "from", "to");
    }

    private Set<String> labelsOf(Set<String> metrics) {
        Set<String> labels = new HashSet<>();
        metrics.forEach((metric) -> labels.addAll(this.scraped.getOrDefault(metric, Set.of())));
        return labels;
    }

    private static Map<String, Set<String>> labelsByMetric(String exposition) {
        Map<String, Set<String>> labels = new HashMap<>();
        for (String line : exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).toList()) {
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            Set<String> names = labels.computeIfAbsent(sample.group(1), (metric) -> new HashSet<>());
            if (sample.group(2) != null) {
                Matcher label = SAMPLE_LABEL.matcher(sample.group(2));
                while (label.find()) {
                    names.add(label.group(1));
                }
            }
        }
        return labels;
    }
}
