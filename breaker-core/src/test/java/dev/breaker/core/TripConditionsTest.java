package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.slow;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TripConditionsTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener).build();
    }

    @Test
    void failureRateDoesNotTripBeforeMinimumCallsButIsShown() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(5).countWindow(10).build());
        fail(breaker, 4);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(1.0);
        assertThat(breaker.stats().windowCalls()).isEqualTo(4);
    }

    @Test
    void failureRateTripsOnceMinimumCallsAreInTheWindow() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(5).countWindow(10).build());
        fail(breaker, 5);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        StateTransition trip = listener.last();
        assertThat(trip.reason()).isEqualTo(TransitionReason.FAILURE_RATE);
        assertThat(trip.detail()).isEqualTo("failure rate 100% >= 50% over 5 calls");
        assertThat(trip.from()).isEqualTo(CircuitState.CLOSED);
        assertThat(trip.nextRetryAt()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void failureRateTripsWhenItEqualsTheThreshold() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(4).countWindow(10).build());
        succeed(breaker, 2);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void failureRateTripsAtAThresholdThatHasNoExactBinaryForm() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.07).minimumCalls(100).countWindow(100)
            .build());
        succeed(breaker, 93);
        fail(breaker, 6);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.07);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void failureRateBelowTheThresholdDoesNotTrip() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(10).countWindow(10).build());
        succeed(breaker, 6);
        fail(breaker, 4);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.4);
    }

    @Test
    void aSuccessThatCompletesMinimumCallsTripsABreakerAlreadyOverTheThreshold() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(4).countWindow(10).build());
        fail(breaker, 3);
        succeed(breaker, 1);
        assertThat(breaker.stats().failureRate()).isEqualTo(0.75);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.FAILURE_RATE);
    }

    @Test
    void aSuccessThatCompletesMinimumCallsInATimeWindowTripsToo() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(4)
            .timeWindow(Duration.ofSeconds(10)).build());
        fail(breaker, 3);
        succeed(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSuccessBelowTheThresholdOnceMinimumCallsAreInDoesNotTrip() {
        CircuitBreaker breaker = breaker(config().failureRateThreshold(0.5).minimumCalls(4).countWindow(10).build());
        fail(breaker, 1);
        succeed(breaker, 3);
        succeed(breaker, 10);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void consecutiveFailuresTripBeforeMinimumCalls() {
        CircuitBreaker breaker = breaker(config().consecutiveFailuresThreshold(3).minimumCalls(100).build());
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.CONSECUTIVE_FAILURES);
        assertThat(listener.last().detail()).isEqualTo("3 consecutive failures >= 3");
    }

    @Test
    void aSuccessBreaksARunOfFailures() {
        CircuitBreaker breaker = breaker(config().consecutiveFailuresThreshold(3).minimumCalls(100).build());
        fail(breaker, 2);
        succeed(breaker, 1);
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void anIgnoredCallNeitherBreaksNorExtendsARunOfFailures() {
        CircuitBreaker breaker = breaker(config().consecutiveFailuresThreshold(3).minimumCalls(100)
            .ignoreExceptions(IllegalArgumentException.class).build());
        fail(breaker, 2);
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        assertThat(breaker.stats().consecutiveFailures()).isEqualTo(2);
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void zeroConsecutiveFailuresThresholdIsOff() {
        CircuitBreaker breaker = breaker(config().consecutiveFailuresThreshold(0).minimumCalls(100).build());
        fail(breaker, 50);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().consecutiveFailures()).isEqualTo(50);
    }

    @Test
    void slowCallRateTripsOnceMinimumCallsAreInTheWindow() {
        CircuitBreaker breaker = breaker(config().slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(0.5)
            .minimumCalls(4).countWindow(10).build());
        succeed(breaker, 2);
        slow(breaker, clock, Duration.ofSeconds(2));
        assertThat(breaker.stats().slowCallRate()).isEqualTo(1.0 / 3);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        slow(breaker, clock, Duration.ofSeconds(2));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.SLOW_CALL_RATE);
        assertThat(listener.last().detail()).isEqualTo("slow-call rate 50% >= 50% over 4 calls");
        assertThat(breaker.stats().slowCalls()).isEqualTo(2);
        assertThat(breaker.stats().successes()).as("a slow call that returned is a success").isEqualTo(4);
    }

    @Test
    void slowCallRateTripsAtAThresholdThatHasNoExactBinaryForm() {
        CircuitBreaker breaker = breaker(config().slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(0.07)
            .minimumCalls(100).countWindow(100).build());
        succeed(breaker, 93);
        for (int i = 0; i < 6; i++) {
            slow(breaker, clock, Duration.ofSeconds(2));
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        slow(breaker, clock, Duration.ofSeconds(2));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.SLOW_CALL_RATE);
    }

    @Test
    void aCallOfExactlyTheSlowCallDurationIsNotSlow() {
        CircuitBreaker breaker = breaker(config().slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(0.5)
            .minimumCalls(2).countWindow(10).build());
        slow(breaker, clock, Duration.ofSeconds(1));
        slow(breaker, clock, Duration.ofSeconds(1));
        assertThat(breaker.stats().slowCalls()).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        slow(breaker, clock, Duration.ofMillis(1001));
        assertThat(breaker.stats().slowCalls()).isEqualTo(1);
    }

    @Test
    void slowCallsAreNotTrackedWithoutASlowCallDuration() {
        CircuitBreaker breaker = breaker(config().slowCallRateThreshold(0.1).minimumCalls(2).countWindow(10).build());
        slow(breaker, clock, Duration.ofHours(1));
        slow(breaker, clock, Duration.ofHours(1));
        assertThat(breaker.stats().slowCalls()).isZero();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aSlowFailureCountsTowardsBothRates() {
        CircuitBreaker breaker = breaker(config().slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(1.0)
            .failureRateThreshold(1.0).minimumCalls(2).countWindow(10).build());
        succeed(breaker, 1);
        try {
            breaker.run(() -> {
                clock.advance(Duration.ofSeconds(5));
                throw new IllegalStateException("slow and down");
            });
        }
        catch (IllegalStateException expected) {
            // counted below
        }
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.windowFailures()).isEqualTo(1);
        assertThat(stats.windowSlowCalls()).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }
}
