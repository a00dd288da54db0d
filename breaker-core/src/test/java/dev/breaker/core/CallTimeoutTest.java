package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallTimeoutTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CountDownLatch never = new CountDownLatch(1);

    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(config().callTimeout(Duration.ofMillis(50)).consecutiveFailuresThreshold(2)
            .ignoreExceptions(IllegalArgumentException.class).build())
        .clock(clock)
        .listener(listener)
        .build();

    @AfterEach
    void releaseHungCalls() {
        never.countDown();
    }

    @Test
    void aCallPastTheTimeoutFailsWithCallTimeoutExceptionAndIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CallTimeoutException timeout = catchThrowableOfType(CallTimeoutException.class, () -> breaker.get(() -> {
            try {
                never.await();
                return "never";
            }
            catch (InterruptedException ex) {
                interrupted.countDown();
                return "interrupted";
            }
        }));
        assertThat(timeout.getBreakerName()).isEqualTo("payment");
        assertThat(timeout.getTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(timeout).hasMessage("Call through circuit breaker 'payment' timed out after 50ms");
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the work was interrupted").isTrue();
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.successes()).as("the interrupted work's return is not counted").isZero();
        assertThat(stats.windowFailures()).isEqualTo(1);
        assertThat(listener.outcomes).containsExactly(CallOutcome.TIMEOUT);
    }

    @Test
    void timeoutsTripTheBreakerLikeFailures() {
        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowable(() -> breaker.run(this::hang))).isInstanceOf(CallTimeoutException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.CONSECUTIVE_FAILURES);
    }

    @Test
    void aCheckedCallPastTheTimeoutFailsWithCallTimeoutException() {
        assertThat(catchThrowable(() -> breaker.execute(() -> {
            hang();
            return "never";
        }))).isInstanceOf(CallTimeoutException.class);
        assertThat(catchThrowable(() -> breaker.call(() -> {
            hang();
            return "never";
        }))).isInstanceOf(CallTimeoutException.class);
        assertThat(breaker.stats().timeouts()).isEqualTo(2);
    }

    @Test
    void aFastCallReturnsItsValue() throws Exception {
        assertThat(breaker.get(() -> "fast")).isEqualTo("fast");
        assertThat(breaker.call(() -> "fast")).isEqualTo("fast");
        assertThat(breaker.stats().successes()).isEqualTo(2);
    }

    @Test
    void whatAFastCallThrowsReachesTheCallerUnchangedAndIsClassified() {
        IOException checked = new IOException("disk");
        assertThat(catchThrowable(() -> breaker.execute(() -> {
            throw checked;
        }))).isSameAs(checked);
        IllegalArgumentException ignored = new IllegalArgumentException("bad input");
        assertThat(catchThrowable(() -> breaker.get(() -> {
            throw ignored;
        }))).isSameAs(ignored);
        AssertionError error = new AssertionError("bug");
        assertThat(catchThrowable(() -> breaker.run(() -> {
            throw error;
        }))).isSameAs(error);
        assertThat(listener.outcomes).containsExactly(CallOutcome.FAILURE, CallOutcome.IGNORED, CallOutcome.FAILURE);
    }

    @Test
    void aCallerInterruptedWhileWaitingCancelsTheCallWhichCountsAsIgnored() throws Exception {
        CircuitBreaker patient = CircuitBreaker.builder("payment").config(config().callTimeout(Duration.ofMinutes(5))
            .consecutiveFailuresThreshold(1).build()).clock(clock).listener(listener).build();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch workInterrupted = new CountDownLatch(1);
        Throwable[] thrown = new Throwable[1];
        boolean[] flagKept = new boolean[1];
        Thread caller = new Thread(() -> {
            try {
                patient.run(() -> {
                    started.countDown();
                    try {
                        never.await();
                    }
                    catch (InterruptedException ex) {
                        workInterrupted.countDown();
                    }
                });
            }
            catch (Throwable ex) {
                thrown[0] = ex;
                flagKept[0] = Thread.currentThread().isInterrupted();
            }
        });
        caller.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(InterruptedException.class);
        assertThat(flagKept[0]).as("the caller stays interrupted").isTrue();
        assertThat(workInterrupted.await(5, TimeUnit.SECONDS)).as("the work was interrupted").isTrue();
        CircuitBreakerStats stats = patient.stats();
        assertThat(stats.ignored()).isEqualTo(1);
        assertThat(stats.failures()).as("the downstream did not fail").isZero();
        assertThat(patient.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(listener.outcomes).containsExactly(CallOutcome.IGNORED);
    }

    @Test
    void aTimedCallRunsOnAVirtualThreadFromJava21AndOnADaemonThreadBefore() throws Exception {
        Thread worker = breaker.get(Thread::currentThread);
        assertThat(worker).isNotSameAs(Thread.currentThread());
        if (Runtime.version().feature() >= 21) {
            assertThat(Thread.class.getMethod("isVirtual").invoke(worker)).isEqualTo(true);
        }
        else {
            assertThat(worker.isDaemon()).isTrue();
            assertThat(worker.getName()).startsWith("breaker-call-");
        }
    }

    private void hang() {
        try {
            never.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void givenExecutorsRunTimedCallsAndStayUpWhenTheRegistryCloses() throws Exception {
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.ScheduledExecutorService timers = java.util.concurrent.Executors.newScheduledThreadPool(1);
        try {
            CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
                .defaults(config().callTimeout(Duration.ofSeconds(5)).build()).callTimeoutExecutors(runner, timers)
                .build();
            Thread[] ranOn = new Thread[1];
            registry.breaker("payment").run(() -> ranOn[0] = Thread.currentThread());
            assertThat(runner.submit(Thread::currentThread).get(5, TimeUnit.SECONDS)).isSameAs(ranOn[0]);
            registry.close();
            assertThat(runner.isShutdown()).as("given executors belong to their owner").isFalse();
            assertThat(timers.isShutdown()).isFalse();
        }
        finally {
            runner.shutdownNow();
            timers.shutdownNow();
        }
    }

    @Test
    void theExecutorsARegistryMadeAreShutDownWhenItCloses() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
            .defaults(config().callTimeout(Duration.ofSeconds(5)).build()).build();
        CircuitBreaker payment = registry.breaker("payment");
        assertThat(payment.get(() -> "ok")).isEqualTo("ok");
        registry.close();
        assertThat(catchThrowable(() -> payment.get(() -> "after close")))
            .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
