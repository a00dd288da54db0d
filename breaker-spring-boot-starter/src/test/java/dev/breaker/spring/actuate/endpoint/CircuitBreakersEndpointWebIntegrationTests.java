package dev.breaker.spring.actuate.endpoint;

import static dev.breaker.spring.test.Breakers.trip;
import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=circuitbreakers")
class CircuitBreakersEndpointWebIntegrationTests {

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualClock clock;

    @BeforeEach
    void resetBreakersAndConnect() {
        this.registry.all().forEach(CircuitBreaker::reset);
        this.http = Http.localhost(this.port);
    }

    @Test
    void getAllShouldShowSummaryAndBreakers() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        this.clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        JsonNode summary = body.get("summary");
        assertThat(summary.get("total").asInt()).isEqualTo(this.registry.names().size());
        assertThat(summary.get("open").asInt()).isEqualTo(1);
        assertThat(summary.get("closed").asInt()).isEqualTo(this.registry.names().size() - 1);
        assertThat(summary.get("openBreakers").get(0).asString()).isEqualTo("payment");
        assertThat(summary.get("halfOpenBreakers").isEmpty()).isTrue();
        JsonNode breaker = body.get("breakers").get("payment");
        assertThat(breaker.get("state").asString()).isEqualTo("OPEN");
        assertThat(breaker.get("nextRetryAt").asString()).isEqualTo(payment.nextRetryAt().toString());
        assertThat(breaker.get("retryAfterSeconds").asLong()).isEqualTo(29);
        assertThat(breaker.get("healthScore").asDouble()).isZero();
        assertThat(breaker.get("failures").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode inventory = body.get("breakers").get("inventory");
        assertThat(inventory.has("nextRetryAt")).isTrue();
        assertThat(inventory.get("nextRetryAt").isNull()).isTrue();
        assertThat(inventory.get("lastFailureAt").isNull()).isTrue();
        assertThat(inventory.properties()).extracting(java.util.Map.Entry::getKey)
            .containsExactlyInAnyOrder("state", "mode", "healthScore", "failureRate", "slowCallRate", "nextRetryAt",
                    "retryAfterSeconds", "calls", "successes", "failures", "rejections", "timeouts", "slowCalls",
                    "consecutiveFailures", "consecutiveSuccesses", "lastFailureAt", "lastSuccessAt", "opens",
                    "successfulRecoveries", "failedRecoveries", "timeInOpenSeconds", "shadowRejections");
        assertThat(inventory.get("mode").asString()).isEqualTo("enforce");
    }

    @Test
    void getOneShouldAddConfig() throws Exception {
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers/payment");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("state").asString()).isEqualTo("CLOSED");
        assertThat(body.get("config").get("minimum-calls").asInt()).isEqualTo(2);
        assertThat(body.get("config").get("half-open.permitted-calls").asInt()).isEqualTo(3);
        assertThat(body.get("config").get("health-critical").asBoolean()).isTrue();
        assertThat(body.get("config").has("slow-call-duration")).isTrue();
    }

    @Test
    void getOneWithKeyedChildrenShouldAddKeys() throws Exception {
        assertThat(json(this.http.get("/actuator/circuitbreakers/inventory")).has("keys")).isFalse();
        this.registry.breaker("catalog", "user-1").get(() -> "ok");
        trip(this.registry.breaker("catalog", "user-2"));
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers/catalog");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode keys = json(response).get("keys");
        assertThat(keys.get("count").asInt()).isEqualTo(2);
        assertThat(keys.get("open").toString()).isEqualTo("[\"user-2\"]");
        assertThat(keys.get("halfOpen").isEmpty()).isTrue();
    }

    @Test
    void getKeyedChildShouldShowTheChild() throws Exception {
        trip(this.registry.breaker("payment", "user-3"));
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers/payment/user-3");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void getOneShouldListTheLatestTransitionsNewestFirst() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        Instant openedAt = this.clock.instant();
        trip(payment);
        this.clock.advance(Duration.ofSeconds(30));
        payment.get(() -> "ok");
        JsonNode transitions = json(this.http.get("/actuator/circuitbreakers/payment")).get("lastTransitions");
        assertThat(transitions.get(0).get("to").asString()).isEqualTo("HALF_OPEN");
        assertThat(transitions.get(0).get("reason").asString()).isEqualTo("WAIT_ELAPSED");
        JsonNode opened = transitions.get(1);
        assertThat(opened.properties()).extracting(java.util.Map.Entry::getKey)
            .containsExactly("from", "to", "reason", "detail", "at");
        assertThat(opened.get("from").asString()).isEqualTo("CLOSED");
        assertThat(opened.get("to").asString()).isEqualTo("OPEN");
        assertThat(opened.get("reason").asString()).isEqualTo("FAILURE_RATE");
        assertThat(opened.get("detail").asString()).isEqualTo("failure rate 100% >= 50% over 2 calls");
        assertThat(opened.get("at").asString()).isEqualTo(openedAt.toString());
    }

    @Test
    void postTimedForceCloseToKeyedChildShouldShowTheOverrideUntilItEnds() throws Exception {
        CircuitBreaker child = this.registry.breaker("payment", "user-5");
        Instant at = this.clock.instant();
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment/user-5",
                "{\"action\":\"force-close\",\"duration\":\"PT30S\",\"reason\":\"incident 42\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode override = json(response).get("override");
        assertThat(override.get("action").asString()).isEqualTo("force-close");
        assertThat(override.get("reason").asString()).isEqualTo("incident 42");
        assertThat(override.get("until").asString()).isEqualTo(at.plusSeconds(30).toString());
        JsonNode detail = json(this.http.get("/actuator/circuitbreakers/payment/user-5"));
        assertThat(detail.get("state").asString()).isEqualTo("FORCED_CLOSED");
        assertThat(detail.get("lastTransitions").get(0).get("detail").asString()).contains("incident 42");
        this.clock.advance(Duration.ofSeconds(30));
        assertThat(child.state()).isEqualTo(CircuitState.CLOSED);
        detail = json(this.http.get("/actuator/circuitbreakers/payment/user-5"));
        assertThat(detail.get("override").isNull()).isTrue();
        assertThat(detail.get("lastTransitions").get(0).get("reason").asString()).isEqualTo("OVERRIDE_EXPIRED");
    }

    @Test
    void getUnknownBreakerOrKeyShouldBeNotFoundAndCreateNothing() throws Exception {
        assertThat(this.http.get("/actuator/circuitbreakers/unknown").statusCode()).isEqualTo(404);
        assertThat(this.http.get("/actuator/circuitbreakers/unknown/user-1").statusCode()).isEqualTo(404);
        assertThat(this.http.get("/actuator/circuitbreakers/inventory/nobody").statusCode()).isEqualTo(404);
        assertThat(this.registry.names()).doesNotContain("unknown");
        assertThat(this.registry.breaker("inventory").childCount()).isZero();
    }

    @Test
    void postResetShouldCloseAnOpenBreaker() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment",
                "{\"action\":\"reset\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("state").asString()).isEqualTo("CLOSED");
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void postForceOpenAndForceCloseShouldOverrideTheState() throws Exception {
        CircuitBreaker inventory = this.registry.breaker("inventory");
        assertThat(this.http.postJson("/actuator/circuitbreakers/inventory",
                "{\"action\":\"force-open\"}").statusCode())
            .isEqualTo(200);
        assertThat(inventory.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(this.http.postJson("/actuator/circuitbreakers/inventory",
                "{\"action\":\"force-close\"}").statusCode())
            .isEqualTo(200);
        assertThat(inventory.state()).isEqualTo(CircuitState.FORCED_CLOSED);
    }

    @Test
    void postToKeyedChildShouldApplyTheActionToTheChild() throws Exception {
        CircuitBreaker child = this.registry.breaker("payment", "user-4");
        trip(child);
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment/user-4",
                "{\"action\":\"reset\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(child.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(this.http.postJson("/actuator/circuitbreakers/payment/nobody",
                "{\"action\":\"reset\"}").statusCode())
            .isEqualTo(404);
        assertThat(this.registry.find("payment", "nobody")).isEmpty();
    }

    @Test
    void postToUnknownBreakerShouldBeNotFound() throws Exception {
        assertThat(this.http.postJson("/actuator/circuitbreakers/unknown",
                "{\"action\":\"reset\"}").statusCode()).isEqualTo(404);
        assertThat(this.registry.names()).doesNotContain("unknown");
    }

    @Test
    void postUnknownActionShouldBeBadRequestListingTheValidActions() throws Exception {
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment",
                "{\"action\":\"explode\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("message").asString())
            .isEqualTo("Unknown action 'explode'; valid actions are reset, force-open, force-close");
        assertThat(body.get("validActions").toString()).isEqualTo("[\"reset\",\"force-open\",\"force-close\"]");
    }

    @Test
    void postMissingActionShouldBeBadRequestListingTheValidActions() throws Exception {
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asString())
            .isEqualTo("Missing action; valid actions are reset, force-open, force-close");
    }

    @Test
    void postHugeActionShouldBeBadRequestEchoingABoundedPieceOfIt() throws Exception {
        HttpResponse<String> response = this.http.postJson("/actuator/circuitbreakers/payment",
                "{\"action\":\"" + "x".repeat(1_000_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).hasSizeLessThan(1_000);
        assertThat(json(response).get("message").asString()).contains("... (1000000 characters)");
    }

    @Test
    void getBreakerWithThousandsOfLongOpenKeysShouldAnswerABoundedBodyWithTotals() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            trip(this.registry.breaker("hostile", i + "k".repeat(7_000)));
        }
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers/hostile");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSizeLessThan(40_000);
        JsonNode body = json(response);
        assertThat(body.get("keys").get("open").size()).isEqualTo(100);
        assertThat(body.get("keys").get("openTotal").asInt()).isEqualTo(1_000);
        assertThat(body.get("children").get("failures").asLong()).isEqualTo(10_000);
        assertThat(body.get("calls").asLong()).isZero();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry(ManualClock clock) {
            CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .minimumCalls(2)
                .waitInOpen(Duration.ofSeconds(30))
                .backoffJitter(0)
                .build();
            return CircuitBreakerRegistry.builder()
                .clock(clock)
                .config("payment", config.toBuilder().healthCritical(true).build())
                .config("inventory", config)
                .build();
        }

    }

}
