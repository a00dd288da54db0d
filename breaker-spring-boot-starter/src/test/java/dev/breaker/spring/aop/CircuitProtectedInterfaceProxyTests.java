package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.CircuitProtected;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link CircuitProtected} behind interface-based proxies, where one invoked interface method
 * belongs to beans of different classes, each with its own breaker and fallback.
 */
class CircuitProtectedInterfaceProxyTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withPropertyValues("spring.aop.proxy-target-class=false")
        .withBean("english", Greeting.class, English::new)
        .withBean("french", Greeting.class, French::new);

    @Test
    void oneInterfaceMethodShouldGoThroughTheBreakerOfEachBeansClass() {
        this.contextRunner.run((context) -> {
            Map<String, Greeting> greetings = context.getBeansOfType(Greeting.class);
            Greeting english = greetings.get("english");
            Greeting french = greetings.get("french");
            assertThat(AopUtils.isJdkDynamicProxy(english)).isTrue();
            assertThat(AopUtils.isJdkDynamicProxy(french)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(english.greet("Ada")).isEqualTo("Hello Ada");
                assertThat(french.greet("Ada")).isEqualTo("Bonjour Ada (fallback)");
            }
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.breaker("english").stats().successes()).isEqualTo(3);
            assertThat(registry.breaker("english").stats().failures()).isZero();
            assertThat(registry.breaker("french").stats().failures()).isEqualTo(3);
            assertThat(registry.breaker("french").stats().successes()).isZero();
        });
    }

    interface Greeting {

        String greet(String name);
    }

    static class English implements Greeting {

        @Override
        @CircuitProtected(name = "english")
        public String greet(String name) {
            return "Hello " + name;
        }
    }

    static class French implements Greeting {

        @Override
        @CircuitProtected(name = "french", fallbackMethod = "fallback")
        public String greet(String name) {
            throw new IllegalStateException("indisponible");
        }

        String fallback(String name, Throwable error) {
            return "Bonjour " + name + " (fallback)";
        }
    }
}
