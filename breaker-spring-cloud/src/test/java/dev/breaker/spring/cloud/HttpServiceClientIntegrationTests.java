package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.circuitbreaker.httpservice.HttpServiceFallback;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * An {@code @HttpExchange} client of the HTTP service group {@code quotes}, which Spring
 * Cloud's HTTP service client support runs through {@code create("quotes")}: the breaker of
 * that name, configured under {@code breaker.instances.quotes}, trips on the downstream's
 * failures, then answers from the fallback without a request reaching the downstream, and
 * recovers; the endpoint, health and meters show it like any other breaker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "breaker.instances.quotes.consecutive-failures-threshold=2",
                "breaker.instances.quotes.wait-in-open=10s", "breaker.instances.quotes.backoff.jitter=0",
                "breaker.instances.quotes.half-open.success-threshold=1",
                "breaker.instances.quotes.health-critical=true",
                "management.endpoints.web.exposure.include=circuitbreakers,health",
                "management.endpoint.health.show-components=always" })
class HttpServiceClientIntegrationTests {

    private static final StubServer downstream = startDownstream();

    @LocalServerPort
    private int port;

    @Autowired
    private QuoteClient quotes;

    @Autowired
    private ManualClock clock;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void downstreamUrl(DynamicPropertyRegistry properties) {
        properties.add("spring.http.serviceclient.quotes.base-url", downstream::baseUrl);
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @Test
    void clientShouldTripRejectWithoutRequestsFallBackAndRecover() throws Exception {
        assertThat(this.quotes.quote("ACME")).isEqualTo("42.0");

        downstream.fail();
        assertThat(this.quotes.quote("ACME")).isEqualTo("cached ACME (ServiceUnavailable)");
        assertThat(this.quotes.quote("ACME")).isEqualTo("cached ACME (ServiceUnavailable)");
        assertThat(this.registry.breaker("quotes").state()).isEqualTo(CircuitState.OPEN);
        int requestsWhenOpened = downstream.requests();

        assertThat(this.quotes.quote("ACME")).isEqualTo("cached ACME (open, retry in 10s)");
        assertThat(downstream.requests()).isEqualTo(requestsWhenOpened);
        assertThat(get("/actuator/circuitbreakers/quotes")).contains("\"state\":\"OPEN\"", "\"rejections\":1");
        assertThat(get("/actuator/health")).contains("\"circuitBreakers\":{\"status\":\"DOWN\"");
        assertThat(this.meters.get("breaker.calls").tags("name", "quotes", "outcome", "rejected").timer().count())
            .isEqualTo(1);

        downstream.recover();
        this.clock.advance(Duration.ofSeconds(10));
        assertThat(this.quotes.quote("ACME")).isEqualTo("42.0");
        assertThat(downstream.requests()).isEqualTo(requestsWhenOpened + 1);
        assertThat(this.registry.breaker("quotes").state()).isEqualTo(CircuitState.CLOSED);
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static StubServer startDownstream() {
        try {
            return StubServer.start("42.0");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @HttpExchange("/quotes")
    public interface QuoteClient {

        @GetExchange("/{symbol}")
        String quote(@PathVariable String symbol);

    }

    /** Answers for the {@code quotes} group while its breaker rejects or the downstream fails. */
    public static class QuoteFallbacks {

        public String quote(Throwable cause, String symbol) {
            String why = (cause instanceof CircuitOpenException open)
                    ? "open, retry in " + open.getRetryAfter().toSeconds() + "s" : cause.getClass().getSimpleName();
            return "cached " + symbol + " (" + why + ")";
        }

    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @ImportHttpServices(group = "quotes", types = QuoteClient.class)
    @HttpServiceFallback(QuoteFallbacks.class)
    static class QuoteApplication {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

    }

}
