package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.CircuitProtected;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The {@link CircuitProtected} advisor among other advice on the same method: its precedence
 * decides what it wraps, and each retried attempt runs through the advice inside it again.
 */
class CircuitProtectedAdviceChainTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(ChainConfiguration.class)
        .withPropertyValues("breaker.defaults.retry.max-attempts=3", "breaker.defaults.retry.initial-backoff=1ms",
                "breaker.defaults.retry.max-backoff=1ms", "breaker.defaults.retry.jitter=0");

    @Test
    void eachRetriedAttemptShouldRunThroughTheAdviceInsideTheBreaker() {
        this.contextRunner.run((context) -> {
            FlakyService service = context.getBean(FlakyService.class);
            ChainConfiguration chain = context.getBean(ChainConfiguration.class);
            assertThat(service.call()).isEqualTo("third time lucky");
            assertThat(chain.journal).containsExactly("inner", "inner", "inner");
            assertThat(service.attempts()).isEqualTo(3);
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("flaky").stats().failures())
                .isEqualTo(2);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class ChainConfiguration {

        final List<String> journal = new CopyOnWriteArrayList<>();

        @Bean
        static CircuitProtectedAdvisor circuitProtectedAdvisor(CircuitBreakerRegistry registry,
                CircuitProtectedMethods methods) {
            CircuitProtectedAdvisor advisor = new CircuitProtectedAdvisor(
                    new CircuitProtectedInterceptor(registry, methods));
            advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return advisor;
        }

        @Bean
        DefaultPointcutAdvisor innerAdvisor() {
            MethodInterceptor inner = (invocation) -> {
                this.journal.add("inner");
                return invocation.proceed();
            };
            DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                    AnnotationMatchingPointcut.forMethodAnnotation(CircuitProtected.class), inner);
            advisor.setOrder(Ordered.LOWEST_PRECEDENCE);
            return advisor;
        }

        @Bean
        FlakyService flakyService() {
            return new FlakyService();
        }
    }

    static class FlakyService {

        private final AtomicInteger attempts = new AtomicInteger();

        @CircuitProtected(name = "flaky")
        public String call() {
            if (this.attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return "third time lucky";
        }

        int attempts() {
            return this.attempts.get();
        }
    }
}
