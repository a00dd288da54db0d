package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every call releases its permit and is counted exactly once, whatever it throws. */
class CallAccountingTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10))
            .halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build())
        .clock(clock)
        .listener(listener)
        .build();

    private void halfOpen() {
        Calls.fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        listener.outcomes.clear();
    }

    private void assertCountedOnceAsFailure() {
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.failures()).isEqualTo(2);
        assertThat(stats.calls()).isEqualTo(2);
        assertThat(listener.outcomes).containsExactly(CallOutcome.FAILURE);
    }

    @Test
    void aRuntimeExceptionReachesTheCallerAndIsCountedOnce() {
        halfOpen();
        IllegalStateException error = new IllegalStateException("down");
        Throwable thrown = catchThrowable(() -> breaker.get(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
        assertCountedOnceAsFailure();
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aCheckedExceptionThroughExecuteReachesTheCallerUnwrappedAndIsCountedOnce() {
        halfOpen();
        IOException error = new IOException("disk");
        Throwable thrown = catchThrowable(() -> breaker.execute(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
        assertCountedOnceAsFailure();
    }

    @Test
    void aCheckedExceptionThroughCallReachesTheCallerUnwrapped() {
        halfOpen();
        IOException error = new IOException("disk");
        Throwable thrown = catchThrowable(() -> breaker.call(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
        assertCountedOnceAsFailure();
    }

    @Test
    void anErrorReachesTheCallerAndIsCountedOnceAsAFailure() {
        halfOpen();
        StackOverflowError error = new StackOverflowError("deep");
        Throwable thrown = catchThrowable(() -> breaker.run(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
        assertCountedOnceAsFailure();
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aCallThatReturnsReleasesItsPermitAndIsCountedOnce() throws Exception {
        halfOpen();
        assertThat(breaker.call(() -> "ok")).isEqualTo("ok");
        assertThat(breaker.stats().successes()).isEqualTo(1);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aThrowingRunnableReleasesItsTrialPermit() throws Exception {
        CircuitBreaker ignoring = CircuitBreaker.builder("search")
            .config(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10))
                .halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1)
                .ignoreExceptions(UnsupportedOperationException.class).build())
            .clock(clock)
            .build();
        Calls.fail(ignoring, 1);
        clock.advance(Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            Calls.throwing(ignoring, new UnsupportedOperationException("ignored"));
            catchThrowable(() -> ignoring.execute(() -> {
                throw new UnsupportedOperationException("ignored");
            }));
        }
        assertThat(ignoring.stats().rejections()).as("every permit came back").isZero();
        assertThat(ignoring.stats().ignored()).isEqualTo(10);
        assertThat(ignoring.call(() -> "ok")).isEqualTo("ok");
        assertThat(ignoring.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aRejectedCallIsCountedAsARejectionOnlyAndNeverRuns() {
        Calls.fail(breaker, 1);
        listener.outcomes.clear();
        boolean[] ran = new boolean[1];
        Throwable thrown = catchThrowable(() -> breaker.run(() -> ran[0] = true));
        assertThat(thrown).isInstanceOf(CircuitOpenException.class);
        assertThat(ran[0]).isFalse();
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.rejections()).isEqualTo(1);
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(listener.outcomes).containsExactly(CallOutcome.REJECTED);
    }
}
