package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncCallTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener).build();
    }

    private final CircuitBreaker breaker = breaker(config().consecutiveFailuresThreshold(1)
        .waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build());

    private static Throwable failure(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            return ex.getCause();
        }
        catch (CancellationException ex) {
            return ex;
        }
        catch (java.util.concurrent.TimeoutException ex) {
            throw new AssertionError("the stage did not complete", ex);
        }
        throw new AssertionError("the stage did not fail");
    }

    @Test
    void theOutcomeIsRecordedWhenTheStageCompletes() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        assertThat(breaker.stats().calls()).isZero();
        assertThat(result.toCompletableFuture()).isNotDone();
        work.complete("done");
        assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(breaker.stats().successes()).isEqualTo(1);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS);
    }

    @Test
    void aFailedStageIsAFailureAndItsCauseReachesTheCaller() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        IOException error = new IOException("disk");
        work.completeExceptionally(error);
        assertThat(failure(result)).isSameAs(error);
        assertThat(breaker.stats().failures()).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSupplierThatThrowsIsAFailureReturnedAsAFailedStage() throws Exception {
        IllegalStateException error = new IllegalStateException("no connection");
        CompletionStage<String> result = breaker.executeAsync(() -> {
            throw error;
        });
        assertThat(failure(result)).isSameAs(error);
        assertThat(breaker.stats().failures()).isEqualTo(1);
    }

    @Test
    void aRejectionIsReturnedAsAFailedStageWithoutStartingTheCall() throws Exception {
        breaker.forceOpen();
        boolean[] started = new boolean[1];
        CompletionStage<String> result = breaker.executeAsync(() -> {
            started[0] = true;
            return CompletableFuture.completedFuture("never");
        });
        assertThat(failure(result)).isInstanceOf(CircuitOpenException.class);
        assertThat(started[0]).isFalse();
        assertThat(breaker.stats().rejections()).isEqualTo(1);
    }

    @Test
    void aCancelledCallIsIgnoredAndReleasesItsTrialPermit() throws Exception {
        Calls.fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        work.cancel(true);
        assertThat(failure(result)).isInstanceOf(CancellationException.class);
        assertThat(breaker.stats().ignored()).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.executeAsync(() -> CompletableFuture.completedFuture("ok")).toCompletableFuture()
            .get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void cancellingTheReturnedStageCancelsTheCallAndIsIgnored() {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        result.toCompletableFuture().cancel(true);
        assertThat(work).isCancelled();
        assertThat(breaker.stats().ignored()).isEqualTo(1);
        assertThat(breaker.stats().failures()).isZero();
        assertThat(listener.outcomes).containsExactly(CallOutcome.IGNORED);
    }

    @Test
    void aStagePastTheCallTimeoutFailsWithCallTimeoutExceptionAndIsCancelled() throws Exception {
        CircuitBreaker timed = breaker(config().callTimeout(Duration.ofMillis(50)).build());
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = timed.executeAsync(() -> work);
        assertThat(failure(result)).isInstanceOf(CallTimeoutException.class);
        assertThat(work).isCancelled();
        CircuitBreakerStats stats = timed.stats();
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.ignored()).as("the cancellation that follows the timeout is not counted again").isZero();
        assertThat(listener.outcomes).containsExactly(CallOutcome.TIMEOUT);
    }

    @Test
    void theTimedOutCallIsCancelledBeforeTheCallerSeesTheTimeout() throws Exception {
        CircuitBreaker timed = breaker(config().callTimeout(Duration.ofMillis(50)).build());
        SlowToCancel work = new SlowToCancel();
        CompletionStage<String> result = timed.executeAsync(() -> work);
        assertThat(failure(result)).isInstanceOf(CallTimeoutException.class);
        assertThat(work.cancelReturned).isTrue();
    }

    /** A call whose cancellation takes a while, as one that closes a connection would. */
    private static final class SlowToCancel extends CompletableFuture<String> {

        private volatile boolean cancelReturned;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            cancelReturned = true;
            return cancelled;
        }
    }

    @Test
    void aStageThatCompletesInTimeIsNotTimedOut() throws Exception {
        CircuitBreaker timed = breaker(config().callTimeout(Duration.ofSeconds(30)).build());
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = timed.executeAsync(() -> work);
        work.complete("in time");
        assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("in time");
        assertThat(timed.stats().timeouts()).isZero();
    }

    @Test
    void theTimerOfAStageThatCompletedInTimeIsDroppedAtOnce() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            CircuitBreaker timed = CircuitBreaker.builder("payment")
                .config(config().callTimeout(Duration.ofMinutes(10)).build()).clock(clock)
                .callTimeoutExecutors(runner, timers).build();
            for (int i = 0; i < 1000; i++) {
                CompletableFuture<String> work = new CompletableFuture<>();
                timed.executeAsync(() -> work);
                work.complete("in time");
            }
            assertThat(timed.stats().successes()).isEqualTo(1000);
            assertThat(timers.getCompletedTaskCount()).as("no timeout ran").isZero();
            assertThat(timers.getQueue()).as("timers of finished calls are not kept for their full timeout").isEmpty();
        }
        finally {
            timers.shutdownNow();
            runner.shutdownNow();
        }
    }

    @Test
    void aStageCompletedOnAnotherThreadIsRecordedOnce() throws Exception {
        CompletionStage<String> result = breaker.executeAsync(() -> CompletableFuture.supplyAsync(() -> "elsewhere"));
        assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("elsewhere");
        assertThat(breaker.stats().successes()).isEqualTo(1);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS);
    }
}
