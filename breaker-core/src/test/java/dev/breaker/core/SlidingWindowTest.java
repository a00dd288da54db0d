package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void aCountWindowHoldsOnlyTheLastCalls() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(1.0).minimumCalls(4)
            .countWindow(4).build());
        fail(breaker, 2);
        succeed(breaker, 2);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.5);
        succeed(breaker, 1);
        assertThat(breaker.stats().windowFailures()).isEqualTo(1);
        succeed(breaker, 1);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowCalls()).isEqualTo(4);
        assertThat(stats.windowFailures()).isZero();
        assertThat(stats.failures()).as("lifetime counts keep what the window forgot").isEqualTo(2);
    }

    @Test
    void aCountWindowTripsOnTheRateOfItsLastCallsOnly() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(0.5).minimumCalls(4)
            .countWindow(4).build());
        succeed(breaker, 4);
        fail(breaker, 1);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.25);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.stats().windowCalls()).isEqualTo(4);
    }

    @Test
    void aCountWindowKeepsExactCountsOverManyRotations() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(1.0).minimumCalls(10)
            .countWindow(10).build());
        for (int i = 0; i < 1000; i++) {
            if (i % 3 == 0) {
                fail(breaker, 1);
            }
            else {
                succeed(breaker, 1);
            }
        }
        // calls 990..999: failures at 990, 993, 996, 999
        assertThat(breaker.stats().windowFailures()).isEqualTo(4);
        assertThat(breaker.stats().windowCalls()).isEqualTo(10);
    }

    @Test
    void aTimeWindowForgetsCallsOlderThanItsPeriod() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(1.0).minimumCalls(100)
            .timeWindow(Duration.ofSeconds(10)).build());
        fail(breaker, 2);
        clock.advance(Duration.ofSeconds(5));
        succeed(breaker, 3);
        assertThat(breaker.stats().windowCalls()).isEqualTo(5);
        clock.advance(Duration.ofMillis(4999));
        assertThat(breaker.stats().windowCalls()).as("9.999s after the failures").isEqualTo(5);
        clock.advance(Duration.ofMillis(1));
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowCalls()).isEqualTo(3);
        assertThat(stats.windowFailures()).isZero();
        assertThat(stats.healthScore()).isEqualTo(1.0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.stats().windowCalls()).isZero();
    }

    @Test
    void aTimeWindowReusesABucketWhoseTimeComesRoundAgain() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(1.0).minimumCalls(100)
            .timeWindow(Duration.ofSeconds(10)).build());
        fail(breaker, 3);
        clock.advance(Duration.ofSeconds(10));
        succeed(breaker, 1);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowCalls()).isEqualTo(1);
        assertThat(stats.windowFailures()).isZero();
        clock.advance(Duration.ofSeconds(30));
        fail(breaker, 1);
        assertThat(breaker.stats().windowCalls()).isEqualTo(1);
        assertThat(breaker.stats().windowFailures()).isEqualTo(1);
    }

    @Test
    void aTimeWindowTripsOnlyOnCallsInsideItsPeriod() {
        CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(0.5).minimumCalls(4)
            .timeWindow(Duration.ofSeconds(10)).build());
        fail(breaker, 3);
        clock.advance(Duration.ofSeconds(11));
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().windowCalls()).isEqualTo(2);
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void ignoredCallsAreNotInTheWindow() {
        CircuitBreaker breaker = Calls.breaker(clock, config().ignoreExceptions(IllegalArgumentException.class)
            .build());
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        assertThat(breaker.stats().windowCalls()).isZero();
        assertThat(breaker.stats().ignored()).isEqualTo(1);
    }
}
