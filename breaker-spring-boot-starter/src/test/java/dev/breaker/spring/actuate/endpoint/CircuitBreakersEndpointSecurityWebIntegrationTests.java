package dev.breaker.spring.actuate.endpoint;

import static dev.breaker.spring.test.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint behind Spring Security: an override records the signed-in operator as who did it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=circuitbreakers",
                "breaker.instances.payment.minimum-calls=2" })
class CircuitBreakersEndpointSecurityWebIntegrationTests {

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

    @Test
    void forceOpenShouldRecordTheSignedInUserAsWhoDidIt() throws Exception {
        HttpResponse<String> response = this.http.as("alice", "secret")
            .postJson("/actuator/circuitbreakers/payment",
                    "{\"action\":\"force-open\",\"duration\":\"1h\",\"reason\":\"provider maintenance\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode override = json(response).get("override");
        assertThat(override.get("by").asString()).isEqualTo("alice");
        assertThat(override.get("until").asString()).isEqualTo(this.clock.instant().plusSeconds(3600).toString());
        assertThat(this.registry.breaker("payment").override().orElseThrow().by()).isEqualTo("alice");
        JsonNode detail = json(this.http.as("alice", "secret").get("/actuator/circuitbreakers/payment"));
        assertThat(detail.get("override").get("by").asString()).isEqualTo("alice");
        assertThat(detail.get("lastTransitions").get(0).get("detail").asString())
            .startsWith("forced open by alice until ")
            .endsWith(": provider maintenance");
    }

    @Test
    void anonymousWriteShouldBeRefusedByTheApplicationsSecurity() throws Exception {
        assertThat(this.http.postJson("/actuator/circuitbreakers/payment", "{\"action\":\"reset\"}").statusCode())
            .isEqualTo(401);
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableWebSecurity
    static class TestApplication {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret").roles("OPERATOR").build());
        }

    }

}
