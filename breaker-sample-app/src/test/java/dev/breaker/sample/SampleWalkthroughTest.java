package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.breaker.core.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Walks the README's script over real HTTP: trip a breaker, see it OPEN with its next retry
 * time, get 503 with Retry-After, watch it half-open and close, reset it, use a fallback and a
 * keyed breaker, and read the Prometheus lines. Time moves through a {@link ManualClock}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleWalkthroughTest {

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void walksTheReadmeScript() {
        Http http = new Http(port);

        // a healthy downstream
        assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(200);

        // market-data starts failing: 5 failures in a row open its breaker
        http.post("/downstream/market-data?failureRate=1");
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(502);
        }
        JsonNode all = read(http.get("/actuator/circuitbreakers"));
        assertThat(all.at("/summary/open").asInt()).isEqualTo(1);
        assertThat(all.at("/summary/openBreakers/0").asString()).isEqualTo("market-data");
        JsonNode marketData = all.at("/breakers/market-data");
        assertThat(marketData.get("state").asString()).isEqualTo("OPEN");
        assertThat(marketData.get("nextRetryAt").isNull()).isFalse();
        assertThat(marketData.get("healthScore").asDouble()).isCloseTo(1.0 / 6, within(0.001)); // 1 success, 5 failures
        assertThat(marketData.get("consecutiveFailures").asInt()).isEqualTo(5);

        // while OPEN, callers get 503 with Retry-After (15s +-10% jitter, whole seconds rounded up)
        HttpResponse<String> rejected = http.get("/api/quotes/ACME");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(Long.parseLong(rejected.headers().firstValue("Retry-After").orElseThrow())).isBetween(13L, 17L);
        assertThat(read(rejected).get("detail").asString()).contains("market-data");
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

        // the downstream recovers; after the open wait the breaker half-opens, two trials close it
        http.post("/downstream/market-data?failureRate=0");
        clock.advance(Duration.ofSeconds(17));
        assertThat(read(http.get("/actuator/circuitbreakers/market-data")).get("state").asString()).isEqualTo("HALF_OPEN");
        assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(200);
        JsonNode closed = read(http.get("/actuator/circuitbreakers/market-data"));
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("successfulRecoveries").asInt()).isEqualTo(1);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        // an operator forces it open, then resets it
        assertThat(http.postJson("/actuator/circuitbreakers/market-data", "{\"action\":\"force-open\"}").statusCode())
            .isBetween(200, 204);
        assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(503);
        assertThat(http.postJson("/actuator/circuitbreakers/market-data", "{\"action\":\"reset\"}").statusCode())
            .isBetween(200, 204);
        assertThat(http.get("/api/quotes/ACME").statusCode()).isEqualTo(200);
        assertThat(http.postJson("/actuator/circuitbreakers/market-data", "{\"action\":\"explode\"}").statusCode())
            .isEqualTo(400);
        assertThat(http.postJson("/actuator/circuitbreakers/nothing", "{\"action\":\"reset\"}").statusCode())
            .isEqualTo(404);

        // payment fails: the fallback queues charges, before and after the breaker opens
        http.post("/downstream/payment?failureRate=1");
        for (int i = 0; i < 3; i++) {
            assertThat(read(http.post("/api/payments/alice")).get("status").asString()).isEqualTo("queued");
        }
        assertThat(read(http.get("/actuator/circuitbreakers/payment")).get("state").asString()).isEqualTo("OPEN");
        JsonNode queued = read(http.post("/api/payments/alice"));
        assertThat(queued.get("status").asString()).isEqualTo("queued");
        assertThat(queued.get("detail").asString()).startsWith("payment provider unavailable");

        // one user's bot backend fails: only that user's breaker opens
        http.post("/downstream/bot?failureRate=1");
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/bots/alice").statusCode()).isEqualTo(502);
        }
        http.post("/downstream/bot?failureRate=0");
        assertThat(http.get("/api/bots/alice").statusCode()).isEqualTo(503);
        assertThat(http.get("/api/bots/bob").statusCode()).isEqualTo(200);
        assertThat(read(http.get("/actuator/circuitbreakers/bot/alice")).get("state").asString()).isEqualTo("OPEN");
        JsonNode bot = read(http.get("/actuator/circuitbreakers/bot"));
        assertThat(bot.at("/keys/count").asInt()).isEqualTo(2);
        assertThat(bot.at("/keys/open/0").asString()).isEqualTo("alice");
        assertThat(http.get("/actuator/circuitbreakers/bot/carol").statusCode()).isEqualTo(404);

        // the meters, as Prometheus reads them
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("breaker_state{name=\"payment\",state=\"open\"} 1.0");
        assertThat(prometheus).contains("breaker_state{name=\"market-data\",state=\"closed\"} 1.0");
        assertThat(prometheus).contains("breaker_calls_seconds_count{name=\"market-data\",outcome=\"rejected\"} 2\n");
        assertThat(prometheus).contains("breaker_keys_open{name=\"bot\"} 1.0");
        assertThat(prometheus).doesNotContain("alice");
    }

    private JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock breakerClock() {
            return new ManualClock();
        }
    }
}
