package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreaker breaker = Calls.breaker(clock, config().failureRateThreshold(0.5).minimumCalls(4)
        .countWindow(10).waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1)
        .slowCallDuration(Duration.ofSeconds(1)).slowCallRateThreshold(1.0)
        .ignoreExceptions(IllegalArgumentException.class).build());

    @Test
    void aBreakerWithoutCallsIsPerfectlyHealthy() {
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.healthScore()).isEqualTo(1.0);
        assertThat(stats.failureRate()).isZero();
        assertThat(stats.slowCallRate()).isZero();
        assertThat(stats.calls()).isZero();
        assertThat(stats.windowCalls()).isZero();
        assertThat(stats.lastFailureAt()).isNull();
        assertThat(stats.lastSuccessAt()).isNull();
        assertThat(stats.nextRetryAt()).isNull();
        assertThat(stats.retryAfter()).isZero();
        assertThat(stats.timeInOpen()).isZero();
    }

    @Test
    void everyFieldCountsWhatHappened() {
        succeed(breaker, 2);
        clock.advance(Duration.ofSeconds(1));
        Instant failedAt = clock.instant();
        fail(breaker, 1);
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        clock.advance(Duration.ofSeconds(1));
        Calls.slow(breaker, clock, Duration.ofSeconds(3));
        Instant succeededAt = clock.instant();
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.calls()).isEqualTo(5);
        assertThat(stats.successes()).isEqualTo(3);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.ignored()).isEqualTo(1);
        assertThat(stats.slowCalls()).isEqualTo(1);
        assertThat(stats.windowCalls()).isEqualTo(4);
        assertThat(stats.windowFailures()).isEqualTo(1);
        assertThat(stats.windowSlowCalls()).isEqualTo(1);
        assertThat(stats.failureRate()).isEqualTo(0.25);
        assertThat(stats.slowCallRate()).isEqualTo(0.25);
        assertThat(stats.healthScore()).isEqualTo(0.75);
        assertThat(stats.consecutiveFailures()).isZero();
        assertThat(stats.consecutiveSuccesses()).isEqualTo(1);
        assertThat(stats.lastFailureAt()).isEqualTo(failedAt);
        assertThat(stats.lastSuccessAt()).isEqualTo(succeededAt);
        assertThat(stats.rejections()).isZero();
        assertThat(stats.opens()).isZero();
    }

    @Test
    void theHealthScoreIsTheShareOfSuccessesOverTheWindow() {
        succeed(breaker, 3);
        fail(breaker, 1);
        assertThat(breaker.stats().healthScore()).isEqualTo(0.75);
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        assertThat(breaker.stats().healthScore()).as("ignored calls count neither way").isEqualTo(0.75);
    }

    @Test
    void theWindowThatTrippedTheBreakerStaysVisibleWhileOpen() {
        succeed(breaker, 2);
        fail(breaker, 2);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
        assertThat(stats.windowCalls()).isEqualTo(4);
        assertThat(stats.failureRate()).isEqualTo(0.5);
        assertThat(stats.healthScore()).isEqualTo(0.5);
        assertThat(stats.opens()).isEqualTo(1);
        assertThat(stats.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void recoveryCountsAndTimeInOpenAddUp() {
        fail(breaker, 4);
        clock.advance(Duration.ofSeconds(4));
        assertThat(breaker.stats().timeInOpen()).as("the current period counts").isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofSeconds(6));
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(15));
        succeed(breaker, 1);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.opens()).isEqualTo(2);
        assertThat(stats.failedRecoveries()).isEqualTo(1);
        assertThat(stats.successfulRecoveries()).isEqualTo(1);
        assertThat(stats.timeInOpen()).isEqualTo(Duration.ofSeconds(25));
        assertThat(stats.windowCalls()).isZero();
    }

    @Test
    void timeForcedOpenCountsAsTimeOpen() {
        breaker.forceOpen();
        clock.advance(Duration.ofMinutes(2));
        assertThat(breaker.stats().timeInOpen()).isEqualTo(Duration.ofMinutes(2));
        breaker.reset();
        clock.advance(Duration.ofMinutes(2));
        assertThat(breaker.stats().timeInOpen()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aResetKeepsLifetimeCountsAndClearsTheWindowAndTheRuns() {
        succeed(breaker, 1);
        fail(breaker, 3);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        Calls.rejected(breaker);
        breaker.reset();
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.calls()).isEqualTo(4);
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(3);
        assertThat(stats.rejections()).isEqualTo(1);
        assertThat(stats.opens()).isEqualTo(1);
        assertThat(stats.lastFailureAt()).isNotNull();
        assertThat(stats.windowCalls()).isZero();
        assertThat(stats.failureRate()).isZero();
        assertThat(stats.healthScore()).isEqualTo(1.0);
        assertThat(stats.consecutiveFailures()).isZero();
        assertThat(stats.consecutiveSuccesses()).isZero();
    }

    @Test
    void aSnapshotDoesNotChangeAfterItWasTaken() {
        succeed(breaker, 1);
        CircuitBreakerStats snapshot = breaker.stats();
        fail(breaker, 3);
        assertThat(snapshot.calls()).isEqualTo(1);
        assertThat(snapshot.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(snapshot.failureRate()).isZero();
        assertThat(breaker.stats()).isNotEqualTo(snapshot);
    }

    @Test
    void callsAreSuccessesFailuresAndIgnoredButNotRejections() {
        succeed(breaker, 3);
        fail(breaker, 2);
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        breaker.forceOpen();
        Calls.rejected(breaker);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.calls()).isEqualTo(stats.successes() + stats.failures() + stats.ignored()).isEqualTo(6);
    }
}
