package dev.breaker.spring.web;

import static dev.breaker.spring.test.Breakers.trip;
import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CircuitOpenWebIntegrationTests {

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
    void callThroughClosedBreakerShouldSucceed() throws Exception {
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("42.00");
    }

    @Test
    void callThroughOpenBreakerShouldBeServiceUnavailableWithRetryAfterAndProblemDetails() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        this.clock.advance(Duration.ofMillis(12_300));
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("18");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
        assertThat(problem.get("breaker").asString()).isEqualTo("payment");
        assertThat(problem.has("key")).isFalse();
        assertThat(problem.get("state").asString()).isEqualTo("OPEN");
        assertThat(problem.get("nextRetryAt").asString()).isEqualTo(payment.nextRetryAt().toString());
        assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(18);
        assertThat(problem.get("detail").asString()).startsWith("Circuit breaker 'payment' is OPEN");
        assertThat(problem.get("instance").asString()).isEqualTo("/quote");
    }

    @Test
    void retryAfterShouldRoundUpToWholeSeconds() throws Exception {
        trip(this.registry.breaker("payment"));
        this.clock.advance(Duration.ofMillis(29_999));
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void callThroughOpenKeyedChildShouldNameTheKey() throws Exception {
        trip(this.registry.breaker("payment", "user-7"));
        HttpResponse<String> response = this.http.get("/quote/user-7");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        JsonNode problem = json(response);
        assertThat(problem.get("breaker").asString()).isEqualTo("payment");
        assertThat(problem.get("key").asString()).isEqualTo("user-7");
        assertThat(this.http.get("/quote/user-8").statusCode()).isEqualTo(200);
    }

    @Test
    void callThroughForcedOpenBreakerShouldBeServiceUnavailableWithoutRetryAfter() throws Exception {
        this.registry.breaker("payment").forceOpen();
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        JsonNode problem = json(response);
        assertThat(problem.get("state").asString()).isEqualTo("FORCED_OPEN");
        assertThat(problem.get("nextRetryAt").isNull()).isTrue();
    }

    @Test
    void callThroughHalfOpenBreakerWithEveryTrialInFlightShouldAskToRetryInOneSecond() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        this.clock.advance(Duration.ofSeconds(30));
        List<AdmittedCall> trials = new ArrayList<>();
        for (int i = 0; i < payment.config().halfOpenPermittedCalls(); i++) {
            trials.add(payment.admit());
        }
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode problem = json(response);
        assertThat(problem.get("state").asString()).isEqualTo("HALF_OPEN");
        assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(1);
        trials.forEach(AdmittedCall::succeeded);
    }

    @Test
    void callThroughOpenChildWithHugeKeyShouldRepeatABoundedPieceOfIt() throws Exception {
        String key = "k".repeat(5_000);
        trip(this.registry.breaker("payment", key));
        HttpResponse<String> response = this.http.get("/quote/" + key);
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode problem = json(response);
        assertThat(problem.get("key").asString()).hasSize(200 + "... (5000 characters)".length())
            .endsWith("... (5000 characters)");
        assertThat(problem.get("detail").asString()).hasSizeLessThan(400).contains("... (5000 characters)");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ PaymentBreakerConfiguration.class, QuoteController.class })
    static class TestApplication {

    }

    @RestController
    static class QuoteController {

        private final CircuitBreakerRegistry registry;

        QuoteController(CircuitBreakerRegistry registry) {
            this.registry = registry;
        }

        @GetMapping("/quote")
        String quote() {
            return this.registry.breaker("payment").get(() -> "42.00");
        }

        @GetMapping("/quote/{user}")
        String quote(@PathVariable String user) {
            return this.registry.breaker("payment", user).get(() -> "42.00");
        }

    }

}
