package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.sample.downstream.Behaviour;
import dev.breaker.sample.downstream.FlakyDownstream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What callers send reaches the downstream as sent, and the payment fallback says when to retry
 * as the {@code Retry-After} header would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleInputTest {

    @LocalServerPort
    int port;

    @Autowired
    FlakyDownstream downstream;

    @Autowired
    CircuitBreakerRegistry registry;

    @Autowired
    ManualClock clock;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void healAndReset() {
        downstream.behave("payment", Behaviour.HEALTHY);
        registry.all().forEach(CircuitBreaker::reset);
    }

    @Test
    void userIdWithSpacePipeAndPercentShouldReachTheDownstreamIntact() {
        HttpResponse<String> response = http().get("/api/bots/" + encode("al ice|50%"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(downstream.lastParameters("bot")).containsEntry("user", "al ice|50%");
    }

    @Test
    void messageShouldNotInjectAParameter() {
        HttpResponse<String> response = http().get("/api/bots/alice?message=" + encode("hi&user=mallory"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(downstream.lastParameters("bot")).containsEntry("user", "alice")
            .containsEntry("message", "hi&user=mallory");
    }

    @Test
    void fallbackWhileOpenShouldRoundTheRetryTimeUp() {
        downstream.behave("payment", new Behaviour(1.0, 0));
        for (int i = 0; i < 3; i++) {
            http().post("/api/payments/alice");
        }
        clock.advance(Duration.ofMillis(500));
        long millis = registry.breaker("payment").retryAfter().toMillis();
        long roundedUp = (millis + 999) / 1000;
        assertThat(millis % 1000).as("a retry time between whole seconds").isNotZero();
        assertThat(payment().get("detail").asString())
            .isEqualTo("payment provider unavailable, retry in " + roundedUp + "s");
    }

    @Test
    void fallbackWhileForcedOpenShouldNotPromiseARetryTime() {
        registry.breaker("payment").forceOpen();
        assertThat(payment().get("detail").asString()).isEqualTo("payment provider switched off by an operator");
    }

    private JsonNode payment() {
        return json.readTree(http().post("/api/payments/alice").body());
    }

    private Http http() {
        return new Http(port);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock breakerClock() {
            return new ManualClock();
        }
    }
}
