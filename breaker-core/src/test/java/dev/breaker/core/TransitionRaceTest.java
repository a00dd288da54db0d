package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A transition happens once, however many threads race to make it. */
class TransitionRaceTest {

    private static final int THREADS = 8;

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10)).build())
        .clock(clock)
        .listener(listener)
        .build();

    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private void race(Runnable action) throws Exception {
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            done.add(executor.submit(() -> {
                ready.countDown();
                start.await();
                action.run();
                return null;
            }));
        }
        assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        for (Future<?> future : done) {
            future.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void failuresRacingToTripOpenTheBreakerOnce() throws Exception {
        CountDownLatch allAdmitted = new CountDownLatch(THREADS);
        race(() -> {
            try {
                breaker.run(() -> {
                    allAdmitted.countDown();
                    try {
                        allAdmitted.await(5, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("down");
                });
            }
            catch (IllegalStateException expected) {
                // every thread fails
            }
        });
        assertThat(listener.states()).containsExactly(CircuitState.OPEN);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.opens()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(THREADS);
    }

    @Test
    void readsRacingPastTheRetryTimeHalfOpenTheBreakerOnce() throws Exception {
        Calls.fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        race(() -> assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN));
        assertThat(listener.reasons()).containsExactly(TransitionReason.CONSECUTIVE_FAILURES,
                TransitionReason.WAIT_ELAPSED);
    }

    @Test
    void rejectionsRacingOnAnOpenBreakerShareOneExceptionAndAreAllCounted() throws Exception {
        Calls.fail(breaker, 1);
        List<CircuitOpenException> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        race(() -> {
            try {
                breaker.get(() -> "never");
            }
            catch (CircuitOpenException ex) {
                seen.add(ex);
            }
        });
        assertThat(seen).hasSize(THREADS);
        assertThat(seen.stream().distinct().count()).isEqualTo(1);
        assertThat(breaker.stats().rejections()).isEqualTo(THREADS);
    }
}
