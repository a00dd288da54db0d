package dev.breaker.spring.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
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

    private static final String PATH = "/actuator/circuitbreakers/payment";

    @LocalServerPort
    private int port;

    private Http http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @BeforeEach
    void connect() {
        this.http = Http.localhost(this.port);
    }

    @Test
    void readOnlyAccessShouldServeReadsAndRefuseWrites() throws Exception {
        HttpResponse<String> get = this.http.get(PATH);
        assertThat(get.statusCode()).isEqualTo(200);
        HttpResponse<String> post = this.http.postJson(PATH, "{\"action\":\"force-open\"}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
    }

}
