package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenerTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CircuitBreakerConfig config = config().consecutiveFailuresThreshold(2)
        .waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build();

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static final CircuitBreakerListener THROWING = new CircuitBreakerListener() {

        @Override
        public void onStateTransition(StateTransition transition) {
            throw new IllegalStateException("broken transition listener");
        }

        @Override
        public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos, Throwable error) {
            throw new IllegalStateException("broken outcome listener");
        }
    };

    @Test
    void transitionsAreReportedInOrderWithReasonTimeAndRetryTime() {
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener)
            .build();
        Calls.fail(breaker, 2);
        Instant trippedAt = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        Calls.succeed(breaker, 1);
        assertThat(listener.states()).containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED);
        assertThat(listener.reasons()).containsExactly(TransitionReason.CONSECUTIVE_FAILURES,
                TransitionReason.WAIT_ELAPSED, TransitionReason.TRIAL_SUCCEEDED);
        StateTransition trip = listener.transitions.get(0);
        assertThat(trip.breakerName()).isEqualTo("payment");
        assertThat(trip.key()).isNull();
        assertThat(trip.from()).isEqualTo(CircuitState.CLOSED);
        assertThat(trip.at()).isEqualTo(trippedAt);
        assertThat(trip.nextRetryAt()).isEqualTo(trippedAt.plusSeconds(10));
        assertThat(trip.label()).isEqualTo("payment");
        assertThat(trip.toString()).isEqualTo("Circuit breaker 'payment' CLOSED -> OPEN (2 consecutive failures >= 2);"
                + " next retry at " + trippedAt.plusSeconds(10));
        assertThat(listener.transitions.get(1).nextRetryAt()).isNull();
        assertThat(listener.transitions.get(2).nextRetryAt()).isNull();
    }

    @Test
    void outcomesAreReportedWithTheirDurationAndError() {
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener)
            .build();
        breaker.run(() -> clock.advance(Duration.ofMillis(250)));
        IllegalStateException error = new IllegalStateException("down");
        Calls.throwing(breaker, error);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS, CallOutcome.FAILURE);
        assertThat(listener.durations).containsExactly(Duration.ofMillis(250).toNanos(), 0L);
        assertThat(listener.errors).containsExactly(null, error);
    }

    @Test
    void aThrowingListenerNeverBreaksACallNorHidesEventsFromOthers() {
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock).listener(THROWING)
            .listener(listener).build();
        assertThat(breaker.get(() -> "ok")).isEqualTo("ok");
        Calls.fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        Calls.rejected(breaker);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS, CallOutcome.FAILURE, CallOutcome.FAILURE,
                CallOutcome.REJECTED);
        assertThat(listener.states()).containsExactly(CircuitState.OPEN);
        assertThat(breaker.stats().calls()).isEqualTo(3);
    }

    @Test
    void aListenerThatThrowsOnAnotherThreadNeverBreaksAnAsynchronousCall() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock)
            .listener(new CircuitBreakerListener() {
                @Override
                public void onCallOutcome(CircuitBreaker b, CallOutcome outcome, long nanos, Throwable error) {
                    threads.add(Thread.currentThread().getName());
                    throw new IllegalStateException("broken listener");
                }
            })
            .build();
        String caller = Thread.currentThread().getName();
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        executor.execute(() -> work.complete("done"));
        assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(threads).hasSize(1).doesNotContain(caller);
        assertThat(breaker.stats().successes()).isEqualTo(1);
    }

    @Test
    void aListenerThatThrowsOnAnotherThreadNeverBreaksASynchronousCall() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock).listener(THROWING)
            .build();
        String result = executor.submit(() -> breaker.get(() -> "other thread")).get(5, TimeUnit.SECONDS);
        assertThat(result).isEqualTo("other thread");
        Calls.fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aListenerThatThrowsAnAssertionErrorNeverBreaksACall() throws Exception {
        CircuitBreakerListener failingAssertion = new CircuitBreakerListener() {
            @Override
            public void onCallOutcome(CircuitBreaker b, CallOutcome outcome, long nanos, Throwable error) {
                throw new AssertionError("a listener's own check failed");
            }

            @Override
            public void onStateTransition(StateTransition transition) {
                throw new AssertionError("a listener's own check failed");
            }
        };
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock)
            .listener(failingAssertion).listener(listener).build();
        assertThat(breaker.get(() -> "ok")).isEqualTo("ok");
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletionStage<String> result = breaker.executeAsync(() -> work);
        executor.execute(() -> work.complete("async"));
        assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("async");
        Calls.fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.outcomes).hasSize(4);
        assertThat(listener.states()).containsExactly(CircuitState.OPEN);
    }

    @Test
    void aListenerAddedLaterSeesLaterEvents() {
        CircuitBreaker breaker = CircuitBreaker.builder("payment").config(config).clock(clock).build();
        Calls.succeed(breaker, 1);
        breaker.addListener(listener);
        Calls.fail(breaker, 2);
        assertThat(listener.outcomes).containsExactly(CallOutcome.FAILURE, CallOutcome.FAILURE);
        assertThat(listener.states()).containsExactly(CircuitState.OPEN);
    }

    @Test
    void aRegistryListenerSeesEveryBreakerAndKeyedChild() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).defaults(config)
            .listener(listener).build();
        Calls.fail(registry.breaker("payment", "user-42"), 2);
        RecordingListener late = new RecordingListener();
        registry.addListener(late);
        Calls.succeed(registry.breaker("search"), 1);
        StateTransition trip = listener.last();
        assertThat(trip.breakerName()).isEqualTo("payment");
        assertThat(trip.key()).isEqualTo("user-42");
        assertThat(trip.label()).isEqualTo("payment[user-42]");
        assertThat(listener.outcomes).containsExactly(CallOutcome.FAILURE, CallOutcome.FAILURE, CallOutcome.SUCCESS);
        assertThat(late.outcomes).containsExactly(CallOutcome.SUCCESS);
    }
}
