package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.StateTransition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shop, started on a random port with its {@code application-shop.yml} and driven over
 * HTTP as its users and operators would drive it. Time moves only when a test advances the
 * clock. The tests share one application: each starts with both downstreams answering and
 * every breaker reset through the endpoint, and reads counters as differences.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("shop")
@ExtendWith(OutputCaptureExtension.class)
class ShopApplicationTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private ManualClock clock;

    @Autowired
    private StubDownstream warehouse;

    @Autowired
    private StubDownstream pricingEngine;

    @Autowired
    private TransitionJournal journal;

    @BeforeEach
    void answerAndCloseEverything() throws Exception {
        this.warehouse.recover();
        this.pricingEngine.recover();
        for (String name : new String[] { "inventory", "pricing" }) {
            assertThat(reset("/actuator/circuitbreakers/" + name).statusCode()).isEqualTo(200);
        }
        JsonNode keys = getJson("/actuator/circuitbreakers/pricing").get("keys");
        if (keys != null) {
            for (JsonNode key : keys.get("open")) {
                assertThat(reset("/actuator/circuitbreakers/pricing/" + key.asString()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void breakersFromYamlShouldExistFromStartupWithTheDefaultsMergedUnderEachInstance() throws Exception {
        JsonNode all = getJson("/actuator/circuitbreakers");
        assertThat(all.get("summary").get("total").asInt()).isEqualTo(2);
        assertThat(all.get("summary").get("closed").asInt()).isEqualTo(2);
        assertThat(all.get("breakers").propertyNames()).containsExactly("inventory", "pricing");
        JsonNode inventory = getJson("/actuator/circuitbreakers/inventory").get("config");
        assertThat(inventory.get("wait-in-open").asString()).isEqualTo("PT20S");
        assertThat(inventory.get("health-critical").asBoolean()).isTrue();
        assertThat(inventory.get("minimum-calls").asInt()).isEqualTo(4);
        assertThat(inventory.get("consecutive-failures-threshold").asInt()).isZero();
        assertThat(inventory.get("slow-call-duration").isNull()).isTrue();
        JsonNode pricing = getJson("/actuator/circuitbreakers/pricing").get("config");
        assertThat(pricing.get("wait-in-open").asString()).isEqualTo("PT10S");
        assertThat(pricing.get("consecutive-failures-threshold").asInt()).isEqualTo(3);
        assertThat(pricing.get("keys.max-keys").asInt()).isEqualTo(1000);
        assertThat(pricing.get("keys.idle-expiry").asString()).isEqualTo("PT10M");
        assertThat(pricing.get("minimum-calls").asInt()).isEqualTo(4);
        assertThat(pricing.get("health-critical").asBoolean()).isFalse();
    }

    @Test
    void failuresShouldOpenTheBreakerAndCallersShouldGet503WithRetryAfter(CapturedOutput output) throws Exception {
        Instant openedAt = tripInventory();
        JsonNode all = getJson("/actuator/circuitbreakers");
        assertThat(all.get("summary").get("open").asInt()).isEqualTo(1);
        assertThat(all.get("summary").get("openBreakers").toString()).isEqualTo("[\"inventory\"]");
        JsonNode inventory = all.get("breakers").get("inventory");
        assertThat(inventory.get("state").asString()).isEqualTo("OPEN");
        assertThat(inventory.get("nextRetryAt").asString()).isEqualTo(openedAt.plusSeconds(20).toString());
        assertThat(inventory.get("retryAfterSeconds").asLong()).isEqualTo(20);
        assertThat(inventory.get("healthScore").asDouble()).isEqualTo(0.5);
        assertThat(inventory.get("failureRate").asDouble()).isEqualTo(0.5);
        assertThat(all.get("breakers").get("pricing").get("state").asString()).isEqualTo("CLOSED");

        int reached = this.warehouse.calls();
        HttpResponse<String> rejected = get("/stock/sku-1");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(rejected.body());
        assertThat(problem.get("breaker").asString()).isEqualTo("inventory");
        assertThat(problem.get("state").asString()).isEqualTo("OPEN");
        assertThat(problem.get("detail").asString()).startsWith("Circuit breaker 'inventory' is OPEN");
        this.clock.advance(Duration.ofMillis(5_500));
        assertThat(get("/stock/sku-1").headers().firstValue("Retry-After")).hasValue("15");
        assertThat(this.warehouse.calls()).isEqualTo(reached);

        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        assertThat(getJson("/actuator/health").get("components").get("circuitBreakers").get("status").asString())
            .isEqualTo("DOWN");
        assertThat(this.journal.entries()).endsWith("inventory CLOSED -> OPEN");
        assertThat(output).contains("WARN").contains("Circuit breaker 'inventory' CLOSED -> OPEN: ");
    }

    @Test
    void prometheusShouldShowTheMetersOfAnOpenBreakerWithoutKeys() throws Exception {
        Map<String, Double> before = scrape();
        tripInventory();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/stock/sku-1").statusCode()).isEqualTo(503);
        }
        this.clock.advance(Duration.ofSeconds(8));
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines()).contains("breaker_state{name=\"inventory\",state=\"open\"} 1.0",
                "breaker_state{name=\"inventory\",state=\"closed\"} 0.0",
                "breaker_state{name=\"inventory\",state=\"half_open\"} 0.0",
                "breaker_state{name=\"pricing\",state=\"closed\"} 1.0",
                "breaker_next_retry_seconds{name=\"inventory\"} 12.0",
                "breaker_next_retry_seconds{name=\"pricing\"} 0.0",
                "breaker_health_score{name=\"inventory\"} 0.5",
                "breaker_failure_rate{name=\"inventory\"} 0.5");
        Map<String, Double> after = scrape(response.body());
        assertThat(increase(before, after, "breaker_calls_seconds_count{name=\"inventory\",outcome=\"success\"}"))
            .isEqualTo(2);
        assertThat(increase(before, after, "breaker_calls_seconds_count{name=\"inventory\",outcome=\"failure\"}"))
            .isEqualTo(2);
        assertThat(increase(before, after, "breaker_calls_seconds_count{name=\"inventory\",outcome=\"rejected\"}"))
            .isEqualTo(3);
        assertThat(increase(before, after, "breaker_transitions_total{from=\"closed\",name=\"inventory\",to=\"open\"}"))
            .isEqualTo(1);
    }

    @Test
    void advancingTheClockShouldHalfOpenTheBreakerAndTrialCallsShouldCloseIt() throws Exception {
        tripInventory();
        this.clock.advance(Duration.ofSeconds(20));
        JsonNode all = getJson("/actuator/circuitbreakers");
        assertThat(all.get("summary").get("halfOpenBreakers").toString()).isEqualTo("[\"inventory\"]");
        JsonNode inventory = all.get("breakers").get("inventory");
        assertThat(inventory.get("state").asString()).isEqualTo("HALF_OPEN");
        assertThat(inventory.get("nextRetryAt").isNull()).isTrue();
        assertThat(inventory.get("retryAfterSeconds").asLong()).isZero();
        assertThat(scrapeText()).contains("breaker_state{name=\"inventory\",state=\"half_open\"} 1.0",
                "breaker_next_retry_seconds{name=\"inventory\"} 0.0");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        Map<String, Double> before = scrape();
        this.warehouse.recover();
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(200);
        assertThat(getJson("/actuator/circuitbreakers/inventory").get("state").asString()).isEqualTo("HALF_OPEN");
        assertThat(get("/stock/sku-1").body()).isEqualTo("sku-1: 12 in stock");
        assertThat(getJson("/actuator/circuitbreakers/inventory").get("state").asString()).isEqualTo("CLOSED");
        Map<String, Double> after = scrape();
        assertThat(after).containsEntry("breaker_state{name=\"inventory\",state=\"closed\"}", 1.0);
        assertThat(increase(before, after,
                "breaker_transitions_total{from=\"half_open\",name=\"inventory\",to=\"closed\"}"))
            .isEqualTo(1);
        assertThat(this.journal.entries()).endsWith("inventory CLOSED -> OPEN", "inventory OPEN -> HALF_OPEN",
                "inventory HALF_OPEN -> CLOSED");
    }

    @Test
    void resetThroughTheEndpointShouldCloseAnOpenBreaker() throws Exception {
        tripInventory();
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(503);
        HttpResponse<String> response = reset("/actuator/circuitbreakers/inventory");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("state").asString()).isEqualTo("CLOSED");
        assertThat(getJson("/actuator/circuitbreakers").get("summary").get("open").asInt()).isZero();
        this.warehouse.recover();
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(200);
        HttpResponse<String> unknownAction = post("/actuator/circuitbreakers/inventory", "{\"action\":\"open\"}");
        assertThat(unknownAction.statusCode()).isEqualTo(400);
        assertThat(unknownAction.body()).contains("valid actions are reset, force-open, force-close");
        assertThat(reset("/actuator/circuitbreakers/checkout").statusCode()).isEqualTo(404);
    }

    @Test
    void fallbackShouldAnswerWhileOnlyTheFailingCustomersChildOpens() throws Exception {
        JsonNode childrenBefore = getJson("/actuator/circuitbreakers/pricing").path("children");
        this.pricingEngine.fail();
        for (int i = 0; i < 3; i++) {
            JsonNode price = price("alice");
            assertThat(price.get("source").asString()).isEqualTo("list");
            assertThat(price.get("reason").asString()).isEqualTo("DownstreamException");
        }
        this.pricingEngine.recover();
        int reached = this.pricingEngine.calls();
        JsonNode rejected = price("alice");
        assertThat(rejected.get("source").asString()).isEqualTo("list");
        assertThat(rejected.get("reason").asString()).isEqualTo("CircuitOpenException");
        assertThat(this.pricingEngine.calls()).isEqualTo(reached);
        assertThat(price("bob").get("source").asString()).isEqualTo("live");

        JsonNode alice = getJson("/actuator/circuitbreakers/pricing/alice");
        assertThat(alice.get("state").asString()).isEqualTo("OPEN");
        assertThat(alice.get("retryAfterSeconds").asLong()).isEqualTo(10);
        assertThat(alice.get("nextRetryAt").asString()).isEqualTo(this.clock.instant().plusSeconds(10).toString());
        assertThat(alice.get("rejections").asLong()).isEqualTo(1);
        assertThat(getJson("/actuator/circuitbreakers/pricing/bob").get("state").asString()).isEqualTo("CLOSED");
        assertThat(get("/actuator/circuitbreakers/pricing/carol").statusCode()).isEqualTo(404);
        JsonNode pricing = getJson("/actuator/circuitbreakers/pricing");
        assertThat(pricing.get("state").asString()).isEqualTo("CLOSED");
        assertThat(pricing.get("keys").get("count").asInt()).isEqualTo(2);
        assertThat(pricing.get("keys").get("open").toString()).isEqualTo("[\"alice\"]");
        assertThat(pricing.get("keys").get("openTotal").asInt()).isEqualTo(1);
        JsonNode children = pricing.get("children");
        assertThat(children.get("calls").asLong() - childrenBefore.path("calls").asLong(0)).isEqualTo(4);
        assertThat(children.get("successes").asLong() - childrenBefore.path("successes").asLong(0)).isEqualTo(1);
        assertThat(children.get("failures").asLong() - childrenBefore.path("failures").asLong(0)).isEqualTo(3);
        assertThat(children.get("rejections").asLong() - childrenBefore.path("rejections").asLong(0)).isEqualTo(1);

        String scrape = scrapeText();
        assertThat(scrape.lines()).contains("breaker_keys{name=\"pricing\"} 2.0", "breaker_keys_open{name=\"pricing\"} 1.0",
                "breaker_state{name=\"pricing\",state=\"closed\"} 1.0");
        assertThat(scrape).doesNotContain("alice").doesNotContain("bob");
        assertThat(this.journal.entries()).contains("pricing/alice CLOSED -> OPEN");

        assertThat(reset("/actuator/circuitbreakers/pricing/alice").statusCode()).isEqualTo(200);
        assertThat(price("alice").get("source").asString()).isEqualTo("live");
    }

    @Test
    void timedForceOpenShouldRejectUntilItEndsSayingWhoAndWhyAndThenServeAgain(CapturedOutput output) throws Exception {
        Instant at = this.clock.instant();
        Instant until = at.plus(Duration.ofMinutes(10));
        HttpResponse<String> forced = post("/actuator/circuitbreakers/inventory",
                "{\"action\":\"force-open\",\"duration\":\"10m\",\"reason\":\"warehouse move\\nFORGED LINE\"}");
        assertThat(forced.statusCode()).isEqualTo(200);
        JsonNode override = json.readTree(forced.body()).get("override");
        assertThat(override.get("action").asString()).isEqualTo("force-open");
        assertThat(override.get("reason").asString()).isEqualTo("warehouse move\nFORGED LINE");
        assertThat(override.get("by").isNull()).as("nobody signed in").isTrue();
        assertThat(override.get("at").asString()).isEqualTo(at.toString());
        assertThat(override.get("until").asString()).isEqualTo(until.toString());

        int reached = this.warehouse.calls();
        this.clock.advance(Duration.ofMinutes(4));
        HttpResponse<String> rejected = get("/stock/sku-1");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValue("360");
        assertThat(this.warehouse.calls()).isEqualTo(reached);
        assertThat(getJson("/actuator/circuitbreakers/inventory").get("nextRetryAt").isNull()).isTrue();

        StateTransition event = this.journal.transitions().get(this.journal.transitions().size() - 1);
        assertThat(event.to()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(event.detail()).isEqualTo("forced open by an operator until " + until + ": warehouse move\nFORGED LINE");
        assertThat(output).contains("Circuit breaker 'inventory' CLOSED -> FORCED_OPEN: forced open by an operator until "
                + until + ": warehouse move\\nFORGED LINE [reason=FORCED_OPEN")
            .doesNotContain("\nFORGED LINE");

        this.clock.advance(Duration.ofMinutes(6));
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(200);
        assertThat(this.warehouse.calls()).isEqualTo(reached + 1);
        JsonNode inventory = getJson("/actuator/circuitbreakers/inventory");
        assertThat(inventory.get("state").asString()).isEqualTo("CLOSED");
        assertThat(inventory.get("override").isNull()).isTrue();
        JsonNode expired = inventory.get("lastTransitions").get(0);
        assertThat(expired.get("from").asString()).isEqualTo("FORCED_OPEN");
        assertThat(expired.get("to").asString()).isEqualTo("CLOSED");
        assertThat(expired.get("reason").asString()).isEqualTo("OVERRIDE_EXPIRED");
        assertThat(expired.get("at").asString()).isEqualTo(until.toString());
        assertThat(this.journal.entries()).endsWith("inventory CLOSED -> FORCED_OPEN", "inventory FORCED_OPEN -> CLOSED");
    }

    @Test
    void overrideWithBadDurationOrReasonShouldBeBadRequestNamingTheField() throws Exception {
        HttpResponse<String> tooShort = post("/actuator/circuitbreakers/inventory",
                "{\"action\":\"force-close\",\"duration\":\"500ms\"}");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(tooShort.body());
        assertThat(body.get("field").asString()).isEqualTo("duration");
        assertThat(body.get("message").asString()).startsWith("Invalid duration '500ms'; write a duration from 1s to 7d");
        assertThat(body.has("validActions")).isFalse();
        for (String duration : new String[] { "8d", "whenever", "10" }) {
            HttpResponse<String> response = post("/actuator/circuitbreakers/pricing",
                    "{\"action\":\"force-open\",\"duration\":\"" + duration + "\"}");
            assertThat(response.statusCode()).as(duration).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("field").asString()).isEqualTo("duration");
        }
        HttpResponse<String> longReason = post("/actuator/circuitbreakers/inventory",
                "{\"action\":\"force-open\",\"reason\":\"" + "r".repeat(100_000) + "\"}");
        assertThat(longReason.statusCode()).isEqualTo(400);
        assertThat(longReason.body()).hasSizeLessThan(1_000);
        assertThat(json.readTree(longReason.body()).get("field").asString()).isEqualTo("reason");
        JsonNode all = getJson("/actuator/circuitbreakers");
        assertThat(all.get("summary").get("closed").asInt()).as("nothing was forced").isEqualTo(2);
    }

    private Instant tripInventory() throws Exception {
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(200);
        assertThat(get("/stock/sku-2").statusCode()).isEqualTo(200);
        this.warehouse.fail();
        assertThat(get("/stock/sku-1").statusCode()).isEqualTo(502);
        assertThat(get("/stock/sku-2").statusCode()).isEqualTo(502);
        return this.clock.instant();
    }

    private JsonNode price(String customer) throws Exception {
        HttpResponse<String> response = get("/prices/sku-1?customer=" + customer);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private Map<String, Double> scrape() throws Exception {
        return scrape(scrapeText());
    }

    private String scrapeText() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Map<String, Double> scrape(String text) {
        Map<String, Double> samples = new HashMap<>();
        text.lines().filter((line) -> line.startsWith("breaker_")).forEach((line) -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isIn(200, 503);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> reset(String path) throws Exception {
        return post(path, "{\"action\":\"reset\"}");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + this.port + path);
    }

    /** Time for the shop's breakers: the registry picks up any {@code BreakerClock} bean. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ManualTime {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

    }

}
