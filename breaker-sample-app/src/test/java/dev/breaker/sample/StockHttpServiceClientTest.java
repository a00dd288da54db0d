package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.ManualClock;
import dev.breaker.sample.downstream.FlakyDownstream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The stock service, called through an HTTP service client that Spring Cloud CircuitBreaker
 * runs through the {@code stock} breaker: three failures open it, the fallback answers without
 * a request reaching the downstream, and it closes again after its open wait.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StockHttpServiceClientTest {

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    @Autowired
    FlakyDownstream downstream;

    @Test
    void stockClientFallsBackWhileItsBreakerIsOpen() {
        Http http = new Http(port);
        assertThat(http.get("/api/stock/sku-1").body()).contains("\"service\":\"stock\"");

        http.post("/downstream/stock?failureRate=1");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/stock/sku-1").body()).isEqualTo("unknown stock for sku-1 (stock service failed)");
        }
        long callsWhenOpened = downstream.calls("stock");
        // 20s +-10% jitter
        assertThat(http.get("/api/stock/sku-1").body())
            .matches("unknown stock for sku-1 \\(stock breaker open, retry in (1[89]|2[012])s\\)");
        assertThat(downstream.calls("stock")).isEqualTo(callsWhenOpened);
        assertThat(http.get("/actuator/circuitbreakers/stock").body()).contains("\"state\":\"OPEN\"");

        http.post("/downstream/stock?failureRate=0");
        clock.advance(Duration.ofSeconds(23));
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/api/stock/sku-1").body()).contains("\"service\":\"stock\"");
        }
        assertThat(http.get("/actuator/circuitbreakers/stock").body()).contains("\"state\":\"CLOSED\"");
    }

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock breakerClock() {
            return new ManualClock();
        }
    }
}
