package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.breaker.core.ManualClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

/**
 * Keyed isolation over HTTP, in the shop with room for only fifty customers' breakers: fifty
 * junk customers trip their breakers and never come back, and every real customer after them
 * still gets a breaker of their own, while the named breaker {@code pricing} stays CLOSED with
 * no call of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "breaker.instances.pricing.keys.max-keys=50")
@ActiveProfiles("shop")
class AbandonedKeysTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private ManualClock clock;

    @Autowired
    private StubDownstream pricingEngine;

    @Test
    void abandonedTrippedCustomersNeverLockOutNewCustomersNorOpenTheNamedBreaker() throws Exception {
        this.pricingEngine.fail();
        for (int junk = 0; junk < 50; junk++) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThat(source(price("junk-" + junk))).isEqualTo("list");
            }
            assertThat(getJson("/actuator/circuitbreakers/pricing/junk-" + junk).get("state").asString())
                .isEqualTo("OPEN");
        }
        this.pricingEngine.recover();
        assertThat(source(price("early-user"))).as("every slot holds an OPEN child: the overflow child serves")
            .isEqualTo("live");
        JsonNode keys = getJson("/actuator/circuitbreakers/pricing").get("keys");
        assertThat(keys.get("count").asInt()).isEqualTo(50);
        assertThat(keys.get("openTotal").asInt()).isEqualTo(50);
        assertThat(keys.get("overflow").get("state").asString()).isEqualTo("CLOSED");
        assertThat(keys.get("overflow").get("calls").asLong()).isEqualTo(1);
        assertThat(getJson("/actuator/circuitbreakers/pricing/(overflow)").get("calls").asLong()).isEqualTo(1);
        // past the junk children's retry time (10s), and then idle for keys.idle-expiry (10m)
        this.clock.advance(Duration.ofSeconds(10).plus(Duration.ofMinutes(10)));

        for (int user = 0; user < 200; user++) {
            String customer = "user-" + user;
            assertThat(source(price(customer))).as(customer).isEqualTo("live");
            JsonNode child = getJson("/actuator/circuitbreakers/pricing/" + customer);
            assertThat(child.get("state").asString()).isEqualTo("CLOSED");
            assertThat(child.get("calls").asLong()).as("a breaker of %s's own", customer).isEqualTo(1);
            this.clock.advance(Duration.ofSeconds(1));
        }
        JsonNode pricing = getJson("/actuator/circuitbreakers/pricing");
        assertThat(pricing.get("state").asString()).isEqualTo("CLOSED");
        assertThat(pricing.get("calls").asLong()).isZero();
        assertThat(pricing.get("rejections").asLong()).isZero();
    }

    private JsonNode price(String customer) throws Exception {
        HttpResponse<String> response = get("/prices/sku-1?customer=" + customer);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String source(JsonNode price) {
        return price.get("source").asString();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ManualTime {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

    }

}
