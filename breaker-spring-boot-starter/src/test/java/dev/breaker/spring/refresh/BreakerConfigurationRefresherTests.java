package dev.breaker.spring.refresh;

import static dev.breaker.spring.test.Breakers.trip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.BreakerReconfiguredEvent;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.event.CircuitBreakerReconfiguredEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * {@link BreakerConfigurationRefresher}: what an {@link EnvironmentChangeEvent} does to the
 * running breakers, with the environment edited the way a refresh edits it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakerConfigurationRefresherTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class, BreakerRefreshAutoConfiguration.class))
        .withUserConfiguration(ListenerConfiguration.class)
        .withPropertyValues("breaker.defaults.consecutive-failures-threshold=2", "breaker.defaults.backoff.jitter=0",
                "breaker.instances.payment.wait-in-open=10s", "breaker.instances.inventory.minimum-calls=5");

    @Test
    void withSpringCloudContextShouldCreateTheRefresher() {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(BreakerConfigurationRefresher.class));
    }

    @Test
    void withoutSpringCloudContextShouldBackOffAndLeaveTheBreakersWorking() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class)).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(BreakerConfigurationRefresher.class);
            CircuitBreaker payment = context.getBean(CircuitBreakerRegistry.class).breaker("payment");
            assertThat(payment.get(() -> "paid")).isEqualTo("paid");
            assertThat(payment.config().waitInOpen()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void aChangedInstanceShouldBeReconfiguredAndTheOthersLeftAlone() {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.payment.wait-in-open", "40s"));
            assertThat(events(context)).singleElement().satisfies((event) -> {
                assertThat(event.breakerName()).isEqualTo("payment");
                assertThat(event.changes()).containsOnlyKeys("wait-in-open");
            });
            assertThat(registry(context).breaker("payment").config().waitInOpen()).isEqualTo(Duration.ofSeconds(40));
        });
    }

    @Test
    void aChangeThatLeavesEveryConfigurationAsItWasShouldReconfigureNothing() {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.payment.wait-in-open", "10000ms",
                    "breaker.instances.payment.failure-rate-threshold", "0.5"));
            assertThat(events(context)).isEmpty();
        });
    }

    @Test
    void anEventThatNamesNoBreakerPropertyShouldBeIgnored() {
        this.contextRunner.run((context) -> {
            source(context).put("breaker.instances.payment.wait-in-open", "40s");
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("server.port")));
            assertThat(events(context)).isEmpty();
            assertThat(registry(context).breaker("payment").config().waitInOpen()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void newDefaultsShouldReachTheBreakersThatInheritThem() {
        this.contextRunner.run((context) -> {
            CircuitBreakerRegistry registry = registry(context);
            CircuitBreaker unlisted = registry.breaker("unlisted");
            change(context, Map.of("breaker.defaults.consecutive-failures-threshold", "3",
                    "breaker.instances.inventory.consecutive-failures-threshold", "2"));
            assertThat(unlisted.config().consecutiveFailuresThreshold()).isEqualTo(3);
            assertThat(registry.breaker("payment").config().consecutiveFailuresThreshold()).isEqualTo(3);
            assertThat(registry.breaker("inventory").config().consecutiveFailuresThreshold()).isEqualTo(2);
            assertThat(events(context)).extracting(BreakerReconfiguredEvent::breakerName)
                .containsExactlyInAnyOrder("unlisted", "payment");
        });
    }

    @Test
    void aNewInstanceShouldBeCreated() {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.ledger.minimum-calls", "7"));
            assertThat(registry(context).find("ledger")).hasValueSatisfying(
                    (ledger) -> assertThat(ledger.config().minimumCalls()).isEqualTo(7));
        });
    }

    @Test
    void aRemovedInstanceShouldGoOnWithTheDefaultsAndKeepItsState() {
        this.contextRunner.run((context) -> {
            CircuitBreakerRegistry registry = registry(context);
            change(context, Map.of("breaker.instances.ledger.wait-in-open", "20s"));
            CircuitBreaker ledger = registry.breaker("ledger");
            trip(ledger);
            source(context).remove("breaker.instances.ledger.wait-in-open");
            context.publishEvent(new EnvironmentChangeEvent(context, Set.of("breaker.instances.ledger.wait-in-open")));
            assertThat(ledger.state()).isEqualTo(CircuitState.OPEN);
            assertThat(ledger.config()).isEqualTo(registry.defaults());
            assertThat(registry.configuredNames()).doesNotContain("ledger");
        });
    }

    @Test
    void anInvalidChangeShouldBeRefusedAsAWholeWithAnErrorNamingTheProperty(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.inventory.minimum-calls", "7",
                    "breaker.instances.payment.failure-rate-thresold", "0.6"));
            assertThat(events(context)).isEmpty();
            assertThat(registry(context).breaker("inventory").config().minimumCalls()).isEqualTo(5);
            assertThat(output).contains("ERROR")
                .contains("Property: breaker.instances.payment.failure-rate-thresold")
                .contains("the closest known property is breaker.instances.payment.failure-rate-threshold");
        });
    }

    @Test
    void aValueOfTheWrongTypeShouldBeRefusedWithAnErrorNamingTheProperty(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.payment.minimum-calls", "many"));
            assertThat(events(context)).isEmpty();
            assertThat(output).contains("Property: breaker.instances.payment.minimum-calls")
                .contains("Value: \"many\"")
                .contains("Reason: ");
        });
    }

    @Test
    void aCorrectedChangeAfterARefusedOneShouldApply() {
        this.contextRunner.run((context) -> {
            change(context, Map.of("breaker.instances.payment.wait-in-open", "40"));
            change(context, Map.of("breaker.instances.payment.wait-in-open", "40s"));
            assertThat(registry(context).breaker("payment").config().waitInOpen()).isEqualTo(Duration.ofSeconds(40));
            assertThat(events(context)).hasSize(1);
        });
    }

    /** Sets properties in the environment's first source and announces them, as a refresh does. */
    private static void change(AssertableApplicationContext context, Map<String, Object> properties) {
        source(context).putAll(properties);
        context.publishEvent(new EnvironmentChangeEvent(context, properties.keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(AssertableApplicationContext context) {
        var sources = context.getEnvironment().getPropertySources();
        if (!sources.contains("refreshed")) {
            sources.addFirst(new MapPropertySource("refreshed", new HashMap<>()));
        }
        return (Map<String, Object>) sources.get("refreshed").getSource();
    }

    private static CircuitBreakerRegistry registry(AssertableApplicationContext context) {
        return context.getBean(CircuitBreakerRegistry.class);
    }

    private static List<BreakerReconfiguredEvent> events(AssertableApplicationContext context) {
        return context.getBean(ListenerConfiguration.class).events;
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        final List<BreakerReconfiguredEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        ApplicationListener<CircuitBreakerReconfiguredEvent> reconfigurations() {
            return (event) -> this.events.add(event.getReconfiguration());
        }

    }

}
