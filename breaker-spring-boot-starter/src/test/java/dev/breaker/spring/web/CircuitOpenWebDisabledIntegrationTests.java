package dev.breaker.spring.web;

import static dev.breaker.spring.test.Breakers.trip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = CircuitOpenWebIntegrationTests.TestApplication.class,
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = "breaker.web.problem-details=false")
class CircuitOpenWebDisabledIntegrationTests {

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
    void callThroughOpenBreakerWhenTurnedOffShouldBeAnUnhandledError() throws Exception {
        trip(this.registry.breaker("payment"));
        HttpResponse<String> response = this.http.get("/quote");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    }

}
