package dev.breaker.spring.retryafter;

import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * A downstream on loopback that answers 429 or 503 with {@code Retry-After}, called through
 * Spring's HTTP clients inside breakers configured in YAML: the breaker stays open as long as the
 * downstream asked, capped at {@code backoff.max-wait}, and no request reaches it before then.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=circuitbreakers",
                "breaker.defaults.wait-in-open=10s", "breaker.defaults.backoff.jitter=0",
                "breaker.defaults.consecutive-failures-threshold=2",
                "breaker.instances.date.retry-after.open-immediately=true",
                "breaker.instances.capped.retry-after.open-immediately=true",
                "breaker.instances.capped.backoff.max-wait=5m",
                "breaker.instances.ignored.retry-after.honour=false",
                "breaker.instances.reactive.retry-after.open-immediately=true" })
class HttpRetryAfterIntegrationTests {

    private static final LoopbackDownstream downstream = LoopbackDownstream.start();

    private final RestClient restClient = RestClient.builder()
        .baseUrl(downstream.url())
        .requestFactory(new JdkClientHttpRequestFactory())
        .build();

    private final RestTemplate restTemplate = new RestTemplate(new JdkClientHttpRequestFactory());

    private final WebClient webClient = WebClient.builder()
        .baseUrl(downstream.url())
        .clientConnector(new JdkClientHttpConnector())
        .build();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private ManualClock clock;

    private Http http;

    @BeforeEach
    void connect() {
        this.http = Http.localhost(this.port);
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsShouldKeepTheBreakerOpenThatLongWithNoRequestBeforeIt() throws Exception {
        downstream.answer("/seconds", 429, "120");
        CircuitBreaker breaker = this.registry.breaker("seconds");
        Instant openedAt = this.clock.instant();
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(RestClientResponseException.class).isThrownBy(() -> callRestClient(breaker));
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        JsonNode detail = json(this.http.get("/actuator/circuitbreakers/seconds"));
        assertThat(detail.get("nextRetryAt").asString()).isEqualTo(openedAt.plusSeconds(120).toString());
        assertThat(detail.get("retryAfterSeconds").asLong()).isEqualTo(120);
        assertThat(detail.get("lastTransitions").get(0).get("reason").asString()).isEqualTo("RETRY_AFTER");
        assertThat(detail.get("config").get("wait-in-open").asString()).isEqualTo("PT10S");

        for (Duration later : new Duration[] { Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(49_999) }) {
            this.clock.advance(later);
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> callRestClient(breaker));
        }
        assertThat(downstream.requests("/seconds")).isEqualTo(2);

        downstream.answer("/seconds", 200, null);
        this.clock.advance(Duration.ofMillis(1));
        assertThat(callRestClient(breaker)).isEqualTo("status 200");
        assertThat(downstream.requests("/seconds")).isEqualTo(3);
    }

    @Test
    void serviceUnavailableWithRetryAfterAsAnHttpDateShouldOpenUntilThatDate() throws Exception {
        Instant date = this.clock.instant().plusSeconds(300).plusMillis(1_000 - this.clock.millis() % 1_000);
        downstream.answer("/date", 503, DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC)));
        CircuitBreaker breaker = this.registry.breaker("date");
        assertThatExceptionOfType(RestClientResponseException.class)
            .isThrownBy(() -> breaker.get(() -> this.restTemplate.getForObject(downstream.url() + "/date", String.class)));
        assertThat(breaker.state()).as("open-immediately").isEqualTo(CircuitState.OPEN);
        JsonNode detail = json(this.http.get("/actuator/circuitbreakers/date"));
        assertThat(detail.get("nextRetryAt").asString()).isEqualTo(date.toString());
        assertThat(detail.get("lastTransitions").get(0).get("reason").asString()).isEqualTo("RETRY_AFTER");
        assertThat(downstream.requests("/date")).isEqualTo(1);
    }

    @Test
    void hintAboveTheLongestWaitShouldBeCapped() throws Exception {
        downstream.answer("/capped", 429, "86400");
        CircuitBreaker breaker = this.registry.breaker("capped");
        Instant openedAt = this.clock.instant();
        assertThatExceptionOfType(RestClientResponseException.class).isThrownBy(() -> callRestClient(breaker));
        assertThat(json(this.http.get("/actuator/circuitbreakers/capped")).get("nextRetryAt").asString())
            .isEqualTo(openedAt.plus(Duration.ofMinutes(5)).toString());
    }

    @Test
    void hintShouldBeLeftAloneWhenNotHonoured() throws Exception {
        downstream.answer("/ignored", 429, "120");
        CircuitBreaker breaker = this.registry.breaker("ignored");
        Instant openedAt = this.clock.instant();
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(RestClientResponseException.class).isThrownBy(() -> callRestClient(breaker));
        }
        JsonNode detail = json(this.http.get("/actuator/circuitbreakers/ignored"));
        assertThat(detail.get("nextRetryAt").asString()).isEqualTo(openedAt.plusSeconds(10).toString());
        assertThat(detail.get("lastTransitions").get(0).get("reason").asString()).isEqualTo("CONSECUTIVE_FAILURES");
    }

    @Test
    void webClientTooManyRequestsShouldCarryItsRetryAfterToo() throws Exception {
        downstream.answer("/reactive", 429, "90");
        CircuitBreaker breaker = this.registry.breaker("reactive");
        Instant openedAt = this.clock.instant();
        Supplier<String> call = () -> this.webClient.get().uri("/reactive").retrieve().bodyToMono(String.class).block();
        assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(() -> breaker.get(call));
        assertThat(breaker.nextRetryAt()).isEqualTo(openedAt.plusSeconds(90));
        assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> breaker.get(call));
        assertThat(downstream.requests("/reactive")).isEqualTo(1);
    }

    private String callRestClient(CircuitBreaker breaker) {
        String path = "/" + breaker.name();
        return breaker.get(() -> this.restClient.get().uri(path).retrieve().body(String.class));
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

    }

}
