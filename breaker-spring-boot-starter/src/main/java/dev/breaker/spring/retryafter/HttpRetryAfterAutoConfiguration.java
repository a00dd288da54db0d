package dev.breaker.spring.retryafter;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.RetryAfterExtractor;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link RetryAfterExtractor}s for
 * Spring's HTTP clients: {@code RestClient} and {@code RestTemplate}, and {@code WebClient}
 * when WebFlux is present. The auto-configured registry uses them with every other
 * {@code RetryAfterExtractor} bean; {@code breaker.defaults.retry-after.honour=false} turns
 * the hints off.
 */
@AutoConfiguration(before = BreakerAutoConfiguration.class)
@ConditionalOnClass(RestClientResponseException.class)
public final class HttpRetryAfterAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RestClientRetryAfterExtractor restClientRetryAfterExtractor(ObjectProvider<BreakerClock> clock) {
        return new RestClientRetryAfterExtractor(clock.getIfAvailable(BreakerClock::system));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebClientResponseException.class)
    static class WebClientRetryAfterConfiguration {

        @Bean
        @ConditionalOnMissingBean
        WebClientRetryAfterExtractor webClientRetryAfterExtractor(ObjectProvider<BreakerClock> clock) {
            return new WebClientRetryAfterExtractor(clock.getIfAvailable(BreakerClock::system));
        }

    }

}
