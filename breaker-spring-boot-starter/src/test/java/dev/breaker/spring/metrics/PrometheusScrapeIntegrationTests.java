package dev.breaker.spring.metrics;

import static dev.breaker.spring.test.Breakers.trip;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=prometheus")
class PrometheusScrapeIntegrationTests {

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
    void scrapeShouldShowTheMetersOfEveryBreaker() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        payment.get(() -> "ok");
        payment.get(() -> "ok");
        trip(payment);
        try {
            payment.get(() -> "rejected");
        }
        catch (RuntimeException expected) {
            // the rejection the breaker counts
        }
        this.registry.breaker("payment", "user-1").get(() -> "ok");
        this.registry.breaker("inventory");
        this.clock.advance(Duration.ofSeconds(18));
        HttpResponse<String> response = this.http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines()).contains("breaker_state{name=\"payment\",state=\"open\"} 1.0",
                "breaker_state{name=\"payment\",state=\"closed\"} 0.0",
                "breaker_state{name=\"inventory\",state=\"closed\"} 1.0",
                "breaker_next_retry_seconds{name=\"payment\"} 12.0",
                "breaker_health_score{name=\"payment\"} 0.5",
                "breaker_failure_rate{name=\"payment\"} 0.5",
                "breaker_calls_seconds_count{name=\"payment\",outcome=\"success\"} 3",
                "breaker_calls_seconds_count{name=\"payment\",outcome=\"failure\"} 2",
                "breaker_calls_seconds_count{name=\"payment\",outcome=\"rejected\"} 1",
                "breaker_transitions_total{from=\"closed\",name=\"payment\",to=\"open\"} 1.0",
                "breaker_keys{name=\"payment\"} 1.0", "breaker_keys_open{name=\"payment\"} 0.0");
        assertThat(response.body()).doesNotContain("user-1");
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
                    .minimumCalls(4)
                    .waitInOpen(Duration.ofSeconds(30))
                    .backoffJitter(0)
                    .build())
                .build();
        }

    }

}
