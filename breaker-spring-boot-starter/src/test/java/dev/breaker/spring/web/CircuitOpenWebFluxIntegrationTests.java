package dev.breaker.spring.web;

import static dev.breaker.spring.test.Breakers.trip;
import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
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
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=reactive")
class CircuitOpenWebFluxIntegrationTests {

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualClock clock;

    @Autowired
    private ApplicationContext context;

    @BeforeEach
    void connect() {
        this.http = Http.localhost(this.port);
    }

    @Test
    void callThroughOpenBreakerShouldBeServiceUnavailableWithRetryAfterAndProblemDetails() throws Exception {
        assertThat(this.context).isInstanceOf(ReactiveWebApplicationContext.class);
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        this.clock.advance(Duration.ofMillis(2_500));
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("28");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("breaker").asString()).isEqualTo("payment");
        assertThat(problem.get("state").asString()).isEqualTo("OPEN");
        assertThat(problem.get("nextRetryAt").asString()).isEqualTo(payment.nextRetryAt().toString());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ PaymentBreakerConfiguration.class, ReactiveQuoteController.class })
    static class TestApplication {

    }

    @RestController
    static class ReactiveQuoteController {

        private final CircuitBreakerRegistry registry;

        ReactiveQuoteController(CircuitBreakerRegistry registry) {
            this.registry = registry;
        }

        @GetMapping("/quote")
        Mono<String> quote() {
            return Mono.fromSupplier(() -> this.registry.breaker("payment").get(() -> "42.00"));
        }

    }

}
