package dev.breaker.spring.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoint.health.show-details=always",
                "management.endpoint.health.group.readiness.include=readinessState,circuitBreakers" })
class CircuitBreakersHealthWebIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualClock clock;

    @Test
    void healthAndReadinessShouldGoDownWhileHealthCriticalBreakerIsOpen() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        CircuitBreaker payment = this.registry.breaker("payment");
        while (payment.state() != CircuitState.OPEN) {
            try {
                payment.run(() -> {
                    throw new IllegalStateException("down");
                });
            }
            catch (IllegalStateException expected) {
                // the failure the breaker counts
            }
        }
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode breakers = JsonMapper.builder().build().readTree(health.body()).get("components").get("circuitBreakers");
        assertThat(breakers.get("status").asString()).isEqualTo("DOWN");
        assertThat(breakers.get("details").get("payment").get("state").asString()).isEqualTo("OPEN");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        this.clock.advance(Duration.ofSeconds(30));
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
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
            return CircuitBreakerRegistry.builder()
                .clock(clock)
                .config("payment", CircuitBreakerConfig.builder()
                    .minimumCalls(2)
                    .waitInOpen(Duration.ofSeconds(30))
                    .backoffJitter(0)
                    .healthCritical(true)
                    .build())
                .build();
        }

    }

}
