package dev.breaker.spring.web;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A manual clock and a registry whose {@code payment} breaker opens after two failed calls
 * and waits exactly 30 seconds in the open state.
 */
@Configuration(proxyBeanMethods = false)
class PaymentBreakerConfiguration {

    @Bean
    ManualClock clock() {
        return new ManualClock();
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(ManualClock clock) {
        return CircuitBreakerRegistry.builder()
            .clock(clock)
            .config("payment", CircuitBreakerConfig.builder()
                .minimumCalls(2)
                .waitInOpen(Duration.ofSeconds(30))
                .backoffJitter(0)
                .build())
            .build();
    }

}
