package dev.breaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.BreakerMode;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.core.RetryAfterExtractor;
import dev.breaker.core.SlidingWindowType;
import dev.breaker.core.StateTransition;
import dev.breaker.core.TransitionReason;
import dev.breaker.core.store.InMemoryStateStore;
import dev.breaker.core.store.StateStore;
import dev.breaker.spring.event.TransitionEventPublisher;
import dev.breaker.spring.event.TransitionLogger;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class BreakerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class));

    @Test
    void runShouldCreateRegistryWithDefaultsWhenNothingIsConfigured() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.names()).isEmpty();
            assertThat(registry.defaults()).isEqualTo(CircuitBreakerConfig.defaults());
            assertThat(context).hasSingleBean(TransitionEventPublisher.class).hasSingleBean(TransitionLogger.class);
        });
    }

    @Test
    void runShouldCreateConfiguredInstancesAtStartup() {
        this.contextRunner
            .withPropertyValues("breaker.instances.payment.failure-rate-threshold=0.6",
                    "breaker.instances.payment.minimum-calls=3", "breaker.instances.stock.wait-in-open=10s")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.names()).containsExactlyInAnyOrder("payment", "stock");
                CircuitBreakerConfig payment = registry.find("payment").orElseThrow().config();
                assertThat(payment.failureRateThreshold()).isEqualTo(0.6);
                assertThat(payment.minimumCalls()).isEqualTo(3);
                assertThat(registry.find("stock").orElseThrow().config().waitInOpen()).isEqualTo(Duration.ofSeconds(10));
            });
    }

    @Test
    void instanceShouldInheritEverySettingItDoesNotSetFromDefaults() {
        this.contextRunner
            .withPropertyValues("breaker.defaults.failure-rate-threshold=0.3", "breaker.defaults.minimum-calls=5",
                    "breaker.defaults.half-open.permitted-calls=6", "breaker.defaults.half-open.max-wait=20s",
                    "breaker.defaults.backoff.multiplier=3", "breaker.defaults.backoff.max-wait=10m",
                    "breaker.defaults.retry.max-attempts=4", "breaker.defaults.retry.initial-backoff=50ms",
                    "breaker.defaults.keys.max-keys=50", "breaker.defaults.health-critical=true",
                    "breaker.defaults.record-exceptions=java.io.IOException",
                    "breaker.instances.payment.minimum-calls=8",
                    "breaker.instances.payment.half-open.success-threshold=4",
                    "breaker.instances.payment.backoff.jitter=0",
                    "breaker.instances.payment.retry.max-backoff=1s")
            .run((context) -> {
                CircuitBreakerConfig payment = context.getBean(CircuitBreakerRegistry.class).configFor("payment");
                assertThat(payment.minimumCalls()).isEqualTo(8);
                assertThat(payment.failureRateThreshold()).isEqualTo(0.3);
                assertThat(payment.halfOpenSuccessThreshold()).isEqualTo(4);
                assertThat(payment.halfOpenPermittedCalls()).isEqualTo(6);
                assertThat(payment.halfOpenMaxWait()).isEqualTo(Duration.ofSeconds(20));
                assertThat(payment.backoffJitter()).isZero();
                assertThat(payment.backoffMultiplier()).isEqualTo(3.0);
                assertThat(payment.backoffMaxWait()).isEqualTo(Duration.ofMinutes(10));
                assertThat(payment.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(1));
                assertThat(payment.retry().maxAttempts()).isEqualTo(4);
                assertThat(payment.retry().initialBackoff()).isEqualTo(Duration.ofMillis(50));
                assertThat(payment.maxKeys()).isEqualTo(50);
                assertThat(payment.healthCritical()).isTrue();
                assertThat(payment.recordExceptions()).containsExactly(IOException.class);
            });
    }

    @Test
    void modeAndRetryAfterShouldBeBoundPerInstanceOverTheDefaults() {
        this.contextRunner
            .withPropertyValues("breaker.defaults.mode=shadow", "breaker.defaults.retry-after.open-immediately=true",
                    "breaker.instances.payment.retry-after.honour=false", "breaker.instances.stock.mode=ENFORCE")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                CircuitBreakerConfig payment = registry.configFor("payment");
                assertThat(payment.mode()).isEqualTo(BreakerMode.SHADOW);
                assertThat(payment.retryAfterHonoured()).isFalse();
                assertThat(payment.retryAfterOpensImmediately()).isTrue();
                CircuitBreakerConfig stock = registry.configFor("stock");
                assertThat(stock.mode()).isEqualTo(BreakerMode.ENFORCE);
                assertThat(stock.retryAfterHonoured()).isTrue();
                assertThat(registry.configFor("other").mode()).isEqualTo(BreakerMode.SHADOW);
            });
    }

    @Test
    void retryAfterExtractorBeansShouldReadTheHintsOfFailures() {
        Duration hint = Duration.ofSeconds(90);
        this.contextRunner
            .withBean(RetryAfterExtractor.class, () -> (failure) -> (failure instanceof TimeoutException) ? hint : null)
            .withBean(ManualClock.class, ManualClock::new)
            .withPropertyValues("breaker.instances.payment.consecutive-failures-threshold=1")
            .run((context) -> {
                CircuitBreaker payment = context.getBean(CircuitBreakerRegistry.class).breaker("payment");
                assertThatException().isThrownBy(() -> payment.call(() -> {
                    throw new TimeoutException("slow down");
                }));
                assertThat(payment.retryAfter()).isEqualTo(hint);
                assertThat(payment.lastTransitions().get(0).reason()).isEqualTo(TransitionReason.RETRY_AFTER);
            });
    }

    @Test
    void unsetEverywhereShouldTakeTheEngineDefaults() {
        this.contextRunner.withPropertyValues("breaker.instances.payment.minimum-calls=3").run((context) -> {
            CircuitBreakerConfig payment = context.getBean(CircuitBreakerRegistry.class).configFor("payment");
            assertThat(payment).isEqualTo(CircuitBreakerConfig.defaults().toBuilder().minimumCalls(3).build());
        });
    }

    @Test
    void breakerNotUnderInstancesShouldGetTheDefaults() {
        this.contextRunner
            .withPropertyValues("breaker.defaults.wait-in-open=5s", "breaker.instances.payment.wait-in-open=7s")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.find("other")).isEmpty();
                assertThat(registry.breaker("other").config().waitInOpen()).isEqualTo(Duration.ofSeconds(5));
                assertThat(registry.breaker("payment").config().waitInOpen()).isEqualTo(Duration.ofSeconds(7));
            });
    }

    @Test
    void timeWindowShouldBindSizeAsDuration() {
        this.contextRunner
            .withPropertyValues("breaker.instances.payment.sliding-window.type=time",
                    "breaker.instances.payment.sliding-window.size=2m", "breaker.instances.stock.sliding-window.type=TIME",
                    "breaker.instances.stock.sliding-window.size=90s")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.configFor("payment").slidingWindowType()).isEqualTo(SlidingWindowType.TIME);
                assertThat(registry.configFor("payment").slidingWindowDuration()).isEqualTo(Duration.ofMinutes(2));
                assertThat(registry.configFor("stock").slidingWindowDuration()).isEqualTo(Duration.ofSeconds(90));
            });
    }

    @Test
    void instanceChangingWindowTypeShouldNotInheritSizeOfTheOtherType() {
        this.contextRunner
            .withPropertyValues("breaker.defaults.sliding-window.size=50", "breaker.defaults.minimum-calls=5",
                    "breaker.instances.payment.sliding-window.type=time", "breaker.instances.stock.minimum-calls=6")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.configFor("payment").slidingWindowType()).isEqualTo(SlidingWindowType.TIME);
                assertThat(registry.configFor("payment").slidingWindowDuration())
                    .isEqualTo(CircuitBreakerConfig.defaults().slidingWindowDuration());
                assertThat(registry.configFor("stock").slidingWindowSize()).isEqualTo(50);
            });
    }

    @Test
    void exceptionListsShouldResolveClassNames() {
        this.contextRunner
            .withPropertyValues("breaker.instances.payment.record-exceptions[0]=java.io.IOException",
                    "breaker.instances.payment.record-exceptions[1]=java.util.concurrent.TimeoutException",
                    "breaker.instances.payment.ignore-exceptions=java.lang.IllegalArgumentException")
            .run((context) -> {
                CircuitBreakerConfig payment = context.getBean(CircuitBreakerRegistry.class).configFor("payment");
                assertThat(payment.recordExceptions()).containsExactly(IOException.class, TimeoutException.class);
                assertThat(payment.ignoreExceptions()).containsExactly(IllegalArgumentException.class);
            });
    }

    @Test
    void emptyInstanceListShouldOverrideDefaultsList() {
        this.contextRunner
            .withPropertyValues("breaker.defaults.record-exceptions=java.io.IOException",
                    "breaker.instances.payment.record-exceptions=")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.configFor("payment").recordExceptions()).isEmpty();
                assertThat(registry.defaults().recordExceptions()).containsExactly(IOException.class);
            });
    }

    @Test
    void userDefinedRegistryShouldMakeAutoConfigurationBackOff() {
        this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class)
            .withPropertyValues("breaker.instances.payment.minimum-calls=3")
            .run((context) -> {
                assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
                assertThat(context.getBean(CircuitBreakerRegistry.class))
                    .isSameAs(context.getBean(UserRegistryConfiguration.class).registry);
                assertThat(context.getBean(CircuitBreakerRegistry.class).names()).isEmpty();
            });
    }

    @Test
    void userDefinedEventPublisherAndLoggerShouldMakeTheirsBackOff() {
        this.contextRunner.withBean("myPublisher", TransitionEventPublisher.class, () -> new TransitionEventPublisher((event) -> {
        })).withBean("myLogger", TransitionLogger.class, TransitionLogger::new).run((context) -> {
            assertThat(context).hasSingleBean(TransitionEventPublisher.class).hasSingleBean(TransitionLogger.class);
            assertThat(context).hasBean("myPublisher").hasBean("myLogger");
        });
    }

    @Test
    void registryShouldUseTheApplicationsStoreClockAndListeners() {
        this.contextRunner.withUserConfiguration(CollaboratorsConfiguration.class)
            .withPropertyValues("breaker.instances.payment.consecutive-failures-threshold=1",
                    "breaker.instances.payment.wait-in-open=10s", "breaker.instances.payment.backoff.jitter=0")
            .run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.stateStore()).isSameAs(context.getBean(StateStore.class));
                assertThat(registry.clock()).isSameAs(context.getBean(BreakerClock.class));
                try {
                    registry.breaker("payment").run(() -> {
                        throw new IllegalStateException("down");
                    });
                }
                catch (IllegalStateException expected) {
                    // the failure trips the breaker
                }
                List<StateTransition> seen = context.getBean(CollaboratorsConfiguration.class).transitions;
                assertThat(seen).singleElement()
                    .satisfies((transition) -> assertThat(transition.nextRetryAt())
                        .isEqualTo(Instant.parse("2026-01-01T00:00:10Z")));
            });
    }

    @Test
    void redisStateStoreWithoutStoreBeanShouldFail() {
        this.contextRunner.withPropertyValues("breaker.state-store.type=redis").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidBreakerPropertyException.class)
                .hasMessageContaining("breaker.state-store.type")
                .hasMessageContaining("breaker-redis");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRegistryConfiguration {

        final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

        @Bean
        CircuitBreakerRegistry myRegistry() {
            return this.registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CollaboratorsConfiguration {

        final List<StateTransition> transitions = new ArrayList<>();

        @Bean
        StateStore stateStore() {
            return new InMemoryStateStore();
        }

        @Bean
        ManualClock clock() {
            return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Bean
        CircuitBreakerListener recordingListener() {
            return new CircuitBreakerListener() {
                @Override
                public void onStateTransition(StateTransition transition) {
                    CollaboratorsConfiguration.this.transitions.add(transition);
                }
            };
        }
    }
}
