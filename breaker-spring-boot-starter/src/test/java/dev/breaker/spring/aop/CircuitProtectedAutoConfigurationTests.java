package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.CircuitProtectedAutoConfiguration;
import dev.breaker.spring.CircuitProtected;
import org.aspectj.weaver.Advice;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** When the {@code @CircuitProtected} advisor is configured, and when it backs off. */
class CircuitProtectedAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class, CircuitProtectedAutoConfiguration.class));

    @Test
    void runShouldCreateTheAdvisor() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(CircuitProtectedAdvisor.class)
            .hasSingleBean(CircuitProtectedMethods.class));
    }

    @Test
    void runShouldProxyOnlyBeansWithProtectedMethods() {
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withBean(Greeter.class)
            .withBean(Plain.class)
            .run((context) -> {
                assertThat(AopUtils.isAopProxy(context.getBean(Greeter.class))).isTrue();
                assertThat(AopUtils.isAopProxy(context.getBean(Plain.class))).isFalse();
            });
    }

    @Test
    void runWithoutAspectJShouldStillProtectMethods() {
        assertGreeterIsProtectedWithout(Advice.class);
    }

    @Test
    void runWithoutSpringAopShouldNotCreateTheAdvisor() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Advisor.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitProtectedAdvisor.class));
    }

    @Test
    void runWithoutReactorShouldStillProtectOtherMethods() {
        assertGreeterIsProtectedWithout(Mono.class, Flux.class);
    }

    @Test
    void runWithoutRegistryShouldNotCreateTheAdvisor() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CircuitProtectedAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitProtectedAdvisor.class));
    }

    @Test
    void runWithoutAopAutoProxyShouldLeaveBeansUnproxied() {
        this.contextRunner.withBean(Greeter.class).run((context) -> {
            assertThat(AopUtils.isAopProxy(context.getBean(Greeter.class))).isFalse();
            assertThat(context.getBean(CircuitProtectedAdvisor.class)).isNotNull();
        });
    }

    @Test
    void userDefinedAdvisorShouldMakeTheirsBackOff() {
        this.contextRunner
            .withBean("myAdvisor", CircuitProtectedAdvisor.class,
                    () -> new CircuitProtectedAdvisor(new CircuitProtectedInterceptor(CircuitBreakerRegistry.ofDefaults(),
                            new CircuitProtectedMethods(null))))
            .run((context) -> assertThat(context).hasSingleBean(CircuitProtectedAdvisor.class).hasBean("myAdvisor"));
    }

    private void assertGreeterIsProtectedWithout(Class<?>... hidden) {
        this.contextRunner.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class))
            .withClassLoader(new FilteredClassLoader(hidden))
            .withBean(Greeter.class)
            .run((context) -> {
                assertThat(context.getBean(Greeter.class).greet("Ada")).isEqualTo("Hello Ada");
                assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("greetings").stats().successes())
                    .isOne();
            });
    }

    public static class Plain {

        public String greet(String name) {
            return "Hi " + name;
        }
    }

    public static class Greeter {

        @CircuitProtected(name = "greetings")
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
