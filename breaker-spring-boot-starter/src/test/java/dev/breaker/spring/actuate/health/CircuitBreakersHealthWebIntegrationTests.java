package dev.breaker.spring.actuate.health;

import static dev.breaker.spring.test.Breakers.trip;
import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        properties = { "management.endpoint.health.show-details=always",
                "management.endpoint.health.group.readiness.include=readinessState,circuitBreakers" })
class CircuitBreakersHealthWebIntegrationTests {

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualClock clock;

    @BeforeEach
    void connect() {
        this.http = Http.localhost(this.port);
    }

    @Test
    void healthAndReadinessShouldGoDownWhileHealthCriticalBreakerIsOpen() throws Exception {
        assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        HttpResponse<String> health = this.http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode breakers = json(health).get("components").get("circuitBreakers");
        assertThat(breakers.get("status").asString()).isEqualTo("DOWN");
        assertThat(breakers.get("details").get("payment").get("state").asString()).isEqualTo("OPEN");
        assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);
        this.clock.advance(Duration.ofSeconds(30));
        assertThat(this.http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
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
