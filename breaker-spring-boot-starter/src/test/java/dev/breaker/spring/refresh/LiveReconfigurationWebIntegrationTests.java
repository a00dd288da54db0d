package dev.breaker.spring.refresh;

import static dev.breaker.spring.test.Breakers.trip;
import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * Settings changed the way a refresh changes them: the application imports a properties file,
 * a test rewrites it, and {@code POST /actuator/refresh} reads it again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        args = "--spring.config.import=file:target/live-refresh/breaker.properties",
        properties = "management.endpoints.web.exposure.include=circuitbreakers,refresh,prometheus")
@ExtendWith(OutputCaptureExtension.class)
class LiveReconfigurationWebIntegrationTests {

    private static final Path CONFIG = Path.of("target", "live-refresh", "breaker.properties");

    private static final String BASE = """
            breaker.defaults.consecutive-failures-threshold=2
            breaker.defaults.wait-in-open=10s
            breaker.defaults.backoff.jitter=0
            breaker.defaults.half-open.permitted-calls=1
            breaker.defaults.half-open.success-threshold=1
            breaker.instances.payment.minimum-calls=5
            breaker.instances.search.minimum-calls=5
            breaker.instances.quotes.minimum-calls=5
            breaker.instances.metered.minimum-calls=5
            breaker.instances.window.minimum-calls=5
            """;

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ManualClock clock;

    @BeforeAll
    static void writeTheConfigurationTheApplicationStartsWith() throws IOException {
        Files.createDirectories(CONFIG.getParent());
        Files.writeString(CONFIG, BASE);
    }

    @BeforeEach
    void configureAndConnect() throws Exception {
        this.http = Http.localhost(this.port);
        refresh(BASE);
        this.registry.all().forEach(CircuitBreaker::reset);
    }

    @Test
    void anOpenBreakerTakesANewThresholdAndWaitAndStaysOpenUntilItsRetryTime() throws Exception {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        String nextRetryAt = detail("payment").get("nextRetryAt").asString();
        this.clock.advance(Duration.ofSeconds(3));

        refresh(BASE + "breaker.instances.payment.consecutive-failures-threshold=4\n"
                + "breaker.instances.payment.wait-in-open=40s\n");

        JsonNode detail = detail("payment");
        assertThat(detail.get("state").asString()).isEqualTo("OPEN");
        assertThat(detail.get("nextRetryAt").asString()).isEqualTo(nextRetryAt);
        assertThat(detail.get("failures").asLong()).isEqualTo(2);
        assertThat(detail.get("config").get("consecutive-failures-threshold").asInt()).isEqualTo(4);
        assertThat(detail.get("config").get("wait-in-open").asString()).isEqualTo("PT40S");
        this.clock.advance(Duration.ofSeconds(7));
        payment.run(() -> {
        });
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
        fail(payment, 3);
        assertThat(payment.state()).as("four failures in a row now open it").isEqualTo(CircuitState.CLOSED);
        fail(payment, 1);
        assertThat(detail("payment").get("retryAfterSeconds").asLong()).isEqualTo(40);
    }

    @Test
    void aHalfOpenBreakerKeepsItsTrialInFlightAndTakesTheNewPermits() throws Exception {
        CircuitBreaker search = this.registry.breaker("search");
        trip(search);
        this.clock.advance(Duration.ofSeconds(10));
        AdmittedCall trial = search.admit();
        assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(search::admit);

        refresh(BASE + "breaker.instances.search.half-open.permitted-calls=2\n"
                + "breaker.instances.search.half-open.success-threshold=2\n");

        JsonNode detail = detail("search");
        assertThat(detail.get("state").asString()).isEqualTo("HALF_OPEN");
        assertThat(detail.get("config").get("half-open.permitted-calls").asInt()).isEqualTo(2);
        AdmittedCall second = search.admit();
        assertThatExceptionOfType(CircuitOpenException.class).as("the first trial still holds its permit")
            .isThrownBy(search::admit);
        trial.succeeded();
        assertThat(search.state()).as("two successes close it now").isEqualTo(CircuitState.HALF_OPEN);
        second.succeeded();
        assertThat(search.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aNewWindowSizeStartsTheWindowEmptyAndTheEndpointSaysWhen() throws Exception {
        CircuitBreaker window = this.registry.breaker("window");
        window.run(() -> {
        });
        fail(window, 1);
        assertThat(detail("window").get("failureRate").asDouble()).isEqualTo(0.5);
        assertThat(detail("window").get("windowReset").isNull()).isTrue();

        refresh(BASE + "breaker.instances.window.sliding-window.size=50\n");

        JsonNode detail = detail("window");
        assertThat(detail.get("windowReset").asString()).isEqualTo(this.clock.instant().toString());
        assertThat(detail.get("failureRate").asDouble()).isZero();
        assertThat(detail.get("calls").asLong()).as("lifetime statistics stay").isEqualTo(2);
        assertThat(detail.get("config").get("sliding-window.size").asInt()).isEqualTo(50);
    }

    @Test
    void anInvalidChangeIsRefusedAsAWholeAndTheRunningConfigurationStays(CapturedOutput output) throws Exception {
        refresh(BASE + "breaker.instances.payment.minimum-calls=7\n"
                + "breaker.instances.quotes.failure-rate-threshold=1.5\n");

        assertThat(output).contains("ERROR")
            .contains("Circuit breaker configuration change refused; the running configuration stays")
            .contains("Property: breaker.instances.quotes.failure-rate-threshold")
            .contains("Value: \"1.5\"")
            .contains("breaker.properties");
        assertThat(detail("quotes").get("config").get("failure-rate-threshold").asDouble()).isEqualTo(0.5);
        assertThat(detail("payment").get("config").get("minimum-calls").asInt()).as("refused with the rest")
            .isEqualTo(5);
        CircuitBreaker quotes = this.registry.breaker("quotes");
        assertThat(quotes.get(() -> "quote")).isEqualTo("quote");
        fail(quotes, 2);
        assertThat(quotes.state()).as("the old threshold still works").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aDurationWithoutAUnitIsRefusedWithTheFix(CapturedOutput output) throws Exception {
        refresh(BASE + "breaker.instances.quotes.wait-in-open=10\n");

        assertThat(output).contains("Property: breaker.instances.quotes.wait-in-open")
            .contains("write 10s or 10ms");
        assertThat(detail("quotes").get("config").get("wait-in-open").asString()).isEqualTo("PT10S");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused(CapturedOutput output) throws Exception {
        Files.writeString(CONFIG, BASE + "breaker.instances.quotes.minimum-calls=many\n");
        // Spring Cloud then fails to rebind the properties bean too, and answers 500 with its own error.
        this.http.postJson("/actuator/refresh", "{}");

        assertThat(output).contains("Property: breaker.instances.quotes.minimum-calls").contains("Value: \"many\"");
        assertThat(detail("quotes").get("config").get("minimum-calls").asInt()).isEqualTo(5);
    }

    @Test
    void metersKeepTheirSeriesAcrossAReconfiguration() throws Exception {
        CircuitBreaker metered = this.registry.breaker("metered");
        metered.run(() -> {
        });
        trip(metered);
        List<String> before = scrape("metered");
        int meterCount = this.meters.find("breaker.state").tag("name", "metered").meters().size();

        refresh(BASE + "breaker.instances.metered.wait-in-open=20s\n");

        assertThat(scrape("metered")).containsExactlyInAnyOrderElementsOf(before)
            .contains("breaker_state{name=\"metered\",state=\"open\"} 1.0",
                    "breaker_calls_seconds_count{name=\"metered\",outcome=\"failure\"} 2",
                    "breaker_calls_seconds_count{name=\"metered\",outcome=\"success\"} 1");
        assertThat(this.meters.find("breaker.state").tag("name", "metered").meters()).hasSize(meterCount)
            .hasSize(CircuitState.values().length);
    }

    @Test
    void aNewInstanceAppearsWithItsMeters() throws Exception {
        assertThat(this.http.get("/actuator/circuitbreakers/ledger").statusCode()).isEqualTo(404);

        refresh(BASE + "breaker.instances.ledger.failure-rate-threshold=0.3\n");

        assertThat(detail("ledger").get("config").get("failure-rate-threshold").asDouble()).isEqualTo(0.3);
        assertThat(scrape("ledger")).contains("breaker_state{name=\"ledger\",state=\"closed\"} 1.0");
    }

    private void refresh(String properties) throws IOException, InterruptedException {
        Files.writeString(CONFIG, properties);
        HttpResponse<String> response = this.http.postJson("/actuator/refresh", "{}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode detail(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.get("/actuator/circuitbreakers/" + name);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private List<String> scrape(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = this.http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter((line) -> line.contains("name=\"" + name + "\"")).toList();
    }

    private static void fail(CircuitBreaker breaker, int failures) {
        for (int i = 0; i < failures; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("down");
                });
            }
            catch (IllegalStateException expected) {
                // the failure the breaker counts
            }
        }
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
