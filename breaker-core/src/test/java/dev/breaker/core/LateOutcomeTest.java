package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An outcome that arrives after the period that admitted it counts in the statistics but changes no state. */
class LateOutcomeTest {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreaker breaker = Calls.breaker(clock, config().consecutiveFailuresThreshold(2)
        .minimumCalls(2).countWindow(10).waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1)
        .halfOpenSuccessThreshold(1).halfOpenMaxWait(Duration.ofSeconds(5)).build());

    @Test
    void aLateFailureOfACallAdmittedWhileClosedChangesNoState() {
        long admittedWhileClosed = breaker.acquire();
        fail(breaker, 2);
        Instant retryAt = breaker.nextRetryAt();
        CircuitBreakerStats before = breaker.stats();
        breaker.recordError(admittedWhileClosed, 0, new IllegalStateException("late"));
        CircuitBreakerStats after = breaker.stats();
        assertThat(after.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.nextRetryAt()).isEqualTo(retryAt);
        assertThat(after.failures()).isEqualTo(before.failures() + 1);
        assertThat(after.windowCalls()).isEqualTo(before.windowCalls());
        assertThat(after.opens()).isEqualTo(1);
    }

    @Test
    void aLateSuccessDoesNotCloseAnOpenBreaker() {
        long admittedWhileClosed = breaker.acquire();
        fail(breaker, 2);
        breaker.record(admittedWhileClosed, CallOutcome.SUCCESS, 0, null);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.stats().successes()).isEqualTo(1);
    }

    @Test
    void aTrialFinishingAfterHalfOpenWasDecidedChangesNoState() {
        fail(breaker, 2);
        clock.advance(Duration.ofSeconds(10));
        long hungTrial = breaker.acquire();
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        clock.advance(breaker.retryAfter());
        long nextTrial = breaker.acquire();
        breaker.recordError(hungTrial, 0, new IllegalStateException("late"));
        assertThat(breaker.state()).as("the late failure does not reopen the new round")
            .isEqualTo(CircuitState.HALF_OPEN);
        breaker.record(nextTrial, CallOutcome.SUCCESS, 0, null);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aLateFailureAfterAResetStaysOutOfTheNewWindowAndTheRunOfFailures() {
        long beforeReset = breaker.acquire();
        fail(breaker, 1);
        breaker.reset();
        breaker.recordError(beforeReset, 0, new IllegalStateException("late"));
        fail(breaker, 1);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.windowCalls()).isEqualTo(1);
        assertThat(stats.consecutiveFailures()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(3);
    }

    @Test
    void aLateSuccessOfACallAdmittedBeforeForceOpenKeepsTheBreakerForcedOpen() {
        long ticket = breaker.acquire();
        breaker.forceOpen();
        breaker.record(ticket, CallOutcome.SUCCESS, 0, null);
        assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(breaker.stats().successes()).isEqualTo(1);
    }
}
