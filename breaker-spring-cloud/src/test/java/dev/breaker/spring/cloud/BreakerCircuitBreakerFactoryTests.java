package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

/**
 * What Spring Cloud expects of a {@code CircuitBreakerFactory}, as its Resilience4J
 * implementation is tested, and what this one adds: the breakers are the registry's.
 */
class BreakerCircuitBreakerFactoryTests {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("payment", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0)
            .build())
        .config("flaky", CircuitBreakerConfig.builder()
            .retry(RetryConfig.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1)).jitter(0).build())
            .build())
        .build();

    private final BreakerCircuitBreakerFactory factory = new BreakerCircuitBreakerFactory(this.registry);

    @Test
    void runShouldReturnTheResult() {
        assertThat(this.factory.create("foo").run(() -> "foobar")).isEqualTo("foobar");
    }

    @Test
    void runWithGroupNameShouldReturnTheResult() {
        assertThat(this.factory.create("foo", "groupFoo").run(() -> "foobar")).isEqualTo("foobar");
    }

    @Test
    void runWithFallbackShouldAnswerAFailureFromTheFallback() {
        CircuitBreaker breaker = this.factory.create("foo");
        String answer = breaker.run(() -> {
            throw new IllegalStateException("boom");
        }, (error) -> "fallback " + error.getMessage());
        assertThat(answer).isEqualTo("fallback boom");
    }

    @Test
    void runWithoutFallbackShouldThrowNoFallbackAvailableWithTheFailureAsCause() {
        CircuitBreaker breaker = this.factory.create("foo");
        assertThatExceptionOfType(NoFallbackAvailableException.class).isThrownBy(() -> breaker.run(() -> {
            throw new IllegalStateException("boom");
        })).withCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void createShouldGiveTheRegistrysBreakerOfThatName() {
        this.factory.create("payment").run(() -> {
            throw new IllegalStateException("declined");
        }, (error) -> "queued");
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.OPEN);
        assertThat(this.registry.breaker("payment").stats().failures()).isEqualTo(1);
    }

    @Test
    void createWithGroupNameShouldGiveTheBreakerOfTheId() {
        this.factory.create("payment", "checkout-client").run(() -> {
            throw new IllegalStateException("declined");
        }, (error) -> "queued");
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.OPEN);
        assertThat(this.registry.find("checkout-client")).isEmpty();
    }

    @Test
    void runOnAnOpenBreakerShouldPassTheRejectionWithItsRetryTimeToTheFallbackWithoutRunning() {
        CircuitBreaker breaker = this.factory.create("payment");
        breaker.run(() -> {
            throw new IllegalStateException("declined");
        }, (error) -> "queued");
        this.clock.advance(Duration.ofSeconds(18));
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        String answer = breaker.run(() -> "paid " + runs.incrementAndGet(), (error) -> {
            seen.set(error);
            return "queued";
        });
        assertThat(answer).isEqualTo("queued");
        assertThat(runs).hasValue(0);
        assertThat(seen.get()).isInstanceOfSatisfying(CircuitOpenException.class, (open) -> {
            assertThat(open.getBreakerName()).isEqualTo("payment");
            assertThat(open.getRetryAfter()).isEqualTo(Duration.ofSeconds(12));
        });
    }

    @Test
    void runShouldLetAnErrorThroughRatherThanFallBack() {
        CircuitBreaker breaker = this.factory.create("foo");
        assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(() -> breaker.run(() -> {
            throw new OutOfMemoryError("heap");
        }, (error) -> "fallback"));
    }

    @Test
    void runShouldRetryAsTheBreakersRetrySettingsSay() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = this.factory.create("flaky").run(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("try again");
            }
            return "third time";
        }, (error) -> "fallback");
        assertThat(answer).isEqualTo("third time");
        assertThat(this.registry.breaker("flaky").stats().calls()).isEqualTo(3);
    }

    @Test
    void circuitBreakerCustomizerShouldCustomizeEachOfItsBreakersOnce() {
        List<String> customized = new CopyOnWriteArrayList<>();
        this.factory.addCircuitBreakerCustomizer((breaker) -> customized.add(breaker.name()), "payment", "foo");
        this.factory.create("payment").run(() -> "paid");
        this.factory.create("payment").run(() -> "paid");
        this.factory.create("foo");
        this.factory.create("unlisted");
        assertThat(customized).containsExactly("payment", "foo");
    }

    @Test
    void configureOnceTheRegistryIsBuiltShouldFail() {
        CircuitBreakerRegistry.Builder builder = CircuitBreakerRegistry.builder();
        BreakerCircuitBreakerFactory configured = new BreakerCircuitBreakerFactory(builder::build, () -> null);
        configured.applyTo(builder, (name) -> CircuitBreakerConfig.defaults());
        assertThatIllegalStateException()
            .isThrownBy(() -> configured.configure((config) -> config.configure((c) -> c.minimumCalls(5)), "late"))
            .withMessageContaining("already built");
    }

    @Test
    void createAfterConfiguringBreakersNoRegistryReceivedShouldFail() {
        this.factory.configure((config) -> config.configure((c) -> c.minimumCalls(5)), "payment");
        assertThatIllegalStateException().isThrownBy(() -> this.factory.create("payment"))
            .withMessageContaining("defines its own CircuitBreakerRegistry");
    }

}
