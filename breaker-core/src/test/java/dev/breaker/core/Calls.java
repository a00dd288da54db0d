package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

/** Drives calls through a breaker in tests. */
final class Calls {

    private Calls() {
    }

    /** A configuration builder without jitter, so that open waits are exact. */
    static CircuitBreakerConfig.Builder config() {
        return CircuitBreakerConfig.builder().backoffJitter(0);
    }

    static CircuitBreaker breaker(ManualClock clock, CircuitBreakerConfig config) {
        return CircuitBreaker.builder("payment").config(config).clock(clock).build();
    }

    static void succeed(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.get(() -> "ok")).isEqualTo("ok");
        }
    }

    static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            Throwable thrown = catchThrowable(() -> breaker.run(() -> {
                throw new IllegalStateException("down");
            }));
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("down");
        }
    }

    static void throwing(CircuitBreaker breaker, RuntimeException error) {
        Throwable thrown = catchThrowable(() -> breaker.run(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
    }

    /** A call that succeeds after the clock moved on by the given duration. */
    static void slow(CircuitBreaker breaker, ManualClock clock, Duration duration) {
        breaker.run(() -> clock.advance(duration));
    }

    static void rejected(CircuitBreaker breaker) {
        Throwable thrown = catchThrowable(() -> breaker.get(() -> "never runs"));
        assertThat(thrown).isInstanceOf(CircuitOpenException.class);
    }
}
