package dev.breaker.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = CircuitBreakersEndpointWebIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=circuitbreakers",
                "management.endpoint.circuitbreakers.access=read-only" })
class CircuitBreakersEndpointReadOnlyWebIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Test
    void readOnlyAccessShouldServeReadsAndRefuseWrites() throws Exception {
        HttpResponse<String> get = this.http.send(HttpRequest.newBuilder(uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        HttpResponse<String> post = this.http.send(HttpRequest.newBuilder(uri())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"force-open\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
    }

    private URI uri() {
        return URI.create("http://localhost:" + this.port + "/actuator/circuitbreakers/payment");
    }

}
