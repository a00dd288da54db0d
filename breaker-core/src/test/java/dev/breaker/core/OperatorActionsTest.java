package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.rejected;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperatorActionsTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(config().consecutiveFailuresThreshold(2).minimumCalls(2).countWindow(10)
            .waitInOpen(Duration.ofSeconds(10)).backoffMultiplier(2).halfOpenPermittedCalls(1)
            .halfOpenSuccessThreshold(1).build())
        .clock(clock)
        .listener(listener)
        .build();

    @Test
    void aNewBreakerIsClosedAndRunsCalls() {
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        succeed(breaker, 3);
        assertThat(breaker.stats().successes()).isEqualTo(3);
        assertThat(listener.transitions).isEmpty();
    }

    @Test
    void forceOpenRejectsEveryCallAndHasNoRetryTime() {
        breaker.forceOpen();
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
        CircuitOpenException rejection = catchThrowableOfType(CircuitOpenException.class,
                () -> breaker.get(() -> "never"));
        assertThat(rejection.getState()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(rejection.getNextRetryAt()).isNull();
        assertThat(breaker.nextRetryAt()).isNull();
        assertThat(breaker.retryAfter()).isZero();
        assertThat(breaker.stats().retryAfterSeconds()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
        rejected(breaker);
        assertThat(breaker.stats().rejections()).isEqualTo(2);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.FORCED_OPEN);
        assertThat(listener.last().nextRetryAt()).isNull();
    }

    @Test
    void forceCloseCountsEveryCallAndNeverTrips() {
        breaker.forceClose();
        fail(breaker, 10);
        succeed(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_CLOSED);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.failures()).isEqualTo(10);
        assertThat(stats.successes()).isEqualTo(2);
        assertThat(stats.windowCalls()).isEqualTo(10);
        assertThat(stats.windowFailures()).isEqualTo(8);
        assertThat(stats.opens()).isZero();
        assertThat(listener.reasons()).containsExactly(TransitionReason.FORCED_CLOSED);
    }

    @Test
    void forceCloseOverridesAnOpenBreaker() {
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        breaker.forceClose();
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_CLOSED);
        succeed(breaker, 1);
        clock.advance(Duration.ofHours(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_CLOSED);
    }

    @Test
    void resetClosesAnOpenBreaker() {
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.nextRetryAt()).isNull();
        succeed(breaker, 1);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.RESET);
        assertThat(listener.last().from()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void resetReleasesBothForcedStates() {
        breaker.forceOpen();
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        breaker.forceClose();
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        fail(breaker, 2);
        assertThat(breaker.state()).as("a reset breaker trips again").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void resetClearsTheBackoff() {
        fail(breaker, 2);
        clock.advance(Duration.ofSeconds(10));
        fail(breaker, 1);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        breaker.reset();
        fail(breaker, 2);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void forceOpenFromHalfOpenWinsOverATrialInFlight() {
        fail(breaker, 2);
        clock.advance(Duration.ofSeconds(10));
        long ticket = breaker.acquire();
        breaker.forceOpen();
        breaker.record(ticket, CallOutcome.SUCCESS, 0, null);
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
    }

    @Test
    void anActionThatLeavesTheStateAsItIsIsNoTransition() {
        breaker.forceOpen();
        breaker.forceOpen();
        breaker.forceClose();
        breaker.forceClose();
        breaker.reset();
        breaker.reset();
        assertThat(listener.states()).containsExactly(CircuitState.FORCED_OPEN, CircuitState.FORCED_CLOSED,
                CircuitState.CLOSED);
    }

    @Test
    void resettingAClosedBreakerEmptiesItsWindowAndRunsWithoutATransition() {
        succeed(breaker, 2);
        fail(breaker, 1);
        assertThat(breaker.stats().windowCalls()).isEqualTo(3);
        assertThat(breaker.stats().consecutiveFailures()).isEqualTo(1);
        breaker.reset();
        assertThat(breaker.stats().windowCalls()).isZero();
        assertThat(breaker.stats().consecutiveFailures()).isZero();
        assertThat(listener.transitions).isEmpty();
        fail(breaker, 1);
        assertThat(breaker.state()).as("one failure since the reset, not two in a row").isEqualTo(CircuitState.CLOSED);
    }
}
