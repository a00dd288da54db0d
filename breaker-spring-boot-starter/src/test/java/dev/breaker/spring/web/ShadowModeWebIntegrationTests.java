package dev.breaker.spring.web;

import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * A breaker in shadow mode, configured in YAML and driven over HTTP: it opens as when enforcing,
 * but callers never get a 503, the health stays UP although it is health-critical, and the calls
 * it would have rejected are counted in the endpoint and the meters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=circuitbreakers,health,prometheus",
                "management.endpoint.health.show-details=always", "breaker.defaults.backoff.jitter=0",
                "breaker.instances.search.mode=shadow", "breaker.instances.search.minimum-calls=2",
                "breaker.instances.search.health-critical=true" })
class ShadowModeWebIntegrationTests {

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private SearchController search;

    @BeforeEach
    void connect() {
        this.http = Http.localhost(this.port);
    }

    @Test
    void openShadowBreakerShouldRunEveryCallAndCountWhatItWouldHaveRejected() throws Exception {
        this.search.fail(true);
        assertThat(this.http.get("/search").statusCode()).isEqualTo(502);
        assertThat(this.http.get("/search").statusCode()).isEqualTo(502);
        CircuitBreaker breaker = this.registry.breaker("search");
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);

        this.search.fail(false);
        int reached = this.search.calls();
        for (int i = 0; i < 3; i++) {
            assertThat(this.http.get("/search").statusCode()).isEqualTo(200);
        }
        assertThat(this.search.calls()).isEqualTo(reached + 3);
        assertThat(breaker.state()).as("outcomes of shadow-rejected calls change no state").isEqualTo(CircuitState.OPEN);

        JsonNode detail = json(this.http.get("/actuator/circuitbreakers/search"));
        assertThat(detail.get("mode").asString()).isEqualTo("shadow");
        assertThat(detail.get("state").asString()).isEqualTo("OPEN");
        assertThat(detail.get("shadowRejections").asLong()).isEqualTo(3);
        assertThat(detail.get("rejections").asLong()).isZero();
        assertThat(detail.get("config").get("mode").asString()).isEqualTo("shadow");

        HttpResponse<String> health = this.http.get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode breakers = json(health).get("components").get("circuitBreakers");
        assertThat(breakers.get("status").asString()).isEqualTo("UP");
        assertThat(breakers.get("details").get("search").get("mode").asString()).isEqualTo("shadow");

        assertThat(this.http.get("/actuator/prometheus").body().lines())
            .contains("breaker_calls_seconds_count{name=\"search\",outcome=\"shadow_rejected\"} 3",
                    "breaker_calls_seconds_count{name=\"search\",outcome=\"rejected\"} 0");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        SearchController searchController() {
            return new SearchController();
        }

    }

    @RestController
    static class SearchController {

        private final AtomicInteger calls = new AtomicInteger();

        private volatile boolean failing;

        public void fail(boolean failing) {
            this.failing = failing;
        }

        public int calls() {
            return this.calls.get();
        }

        @GetMapping("/search")
        @CircuitProtected(name = "search")
        public String search() {
            this.calls.incrementAndGet();
            if (this.failing) {
                throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "search engine down");
            }
            return "results";
        }

    }

}
