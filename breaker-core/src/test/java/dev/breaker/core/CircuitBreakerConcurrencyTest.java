package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Exactness under concurrency: lifetime counts and windows lose no call, half-open admits
 * exactly its permitted calls and decides once, a trip happens once, and every call gives its
 * permit back whatever it throws. Threads start together on latches and barriers; every wait is
 * bounded; time comes from a {@link ManualClock}.
 */
class CircuitBreakerConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 100_000;
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final IllegalStateException DOWN = new IllegalStateException("down");

    private final ManualClock clock = new ManualClock();
    private final Queue<StateTransition> transitions = new ConcurrentLinkedQueue<>();

    private CircuitBreaker breaker(CircuitBreakerConfig.Builder config) {
        return CircuitBreaker.builder("concurrent").config(config.backoffJitter(0).build()).clock(clock)
                .listener(new CircuitBreakerListener() {
                    @Override
                    public void onStateTransition(StateTransition transition) {
                        transitions.add(transition);
                    }
                })
                .build();
    }

    // Each thread fails every third call and succeeds on the two after it, so no run of failures
    // (or of slow calls) is longer than one per thread: a window of 1,000 can never be all failures,
    // and a failure-rate threshold of 1.0 keeps the breaker CLOSED however the threads interleave.

    private static boolean fails(int i) {
        return i % 3 == 0;
    }

    /** Slow calls come only from threads that drive the breaker by hand, where the duration is given. */
    private static boolean slow(int thread, int i) {
        return thread % 2 == 0 && (i % 3 == 1 || i % 6 == 0);
    }

    /** One call: by hand on even threads (with its duration), through {@code run} on odd ones. */
    private static void call(CircuitBreaker breaker, int thread, int i) {
        if (thread % 2 == 0) {
            long ticket = breaker.acquire();
            long nanos = slow(thread, i) ? SLOW_NANOS : 0;
            if (fails(i)) {
                breaker.recordError(ticket, nanos, DOWN);
            }
            else {
                breaker.record(ticket, CallOutcome.SUCCESS, nanos, null);
            }
        }
        else {
            try {
                breaker.run(() -> {
                    if (fails(i)) {
                        throw DOWN;
                    }
                });
            }
            catch (IllegalStateException expected) {
                // the failing call's own exception
            }
        }
    }

    private static CircuitBreakerConfig.Builder neverTrips() {
        return CircuitBreakerConfig.builder().failureRateThreshold(1.0).slowCallDuration(Duration.ofMillis(10))
                .slowCallRateThreshold(1.0);
    }

    @Test
    void eightThreadsLeaveExactCountsAndACountWindowThatMatchesItsSlots() {
        CircuitBreaker breaker = breaker(neverTrips().countWindow(1_000).minimumCalls(1_000));
        Racers.race(THREADS, 60, thread -> {
            for (int i = 0; i < CALLS; i++) {
                call(breaker, thread, i);
            }
        });
        CircuitBreakerStats stats = breaker.stats();
        long failures = 0;
        long slow = 0;
        for (int thread = 0; thread < THREADS; thread++) {
            for (int i = 0; i < CALLS; i++) {
                failures += fails(i) ? 1 : 0;
                slow += slow(thread, i) ? 1 : 0;
            }
        }
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(transitions).isEmpty();
        assertThat(stats.calls()).isEqualTo((long) THREADS * CALLS);
        assertThat(stats.failures()).isEqualTo(failures);
        assertThat(stats.successes()).isEqualTo((long) THREADS * CALLS - failures);
        assertThat(stats.slowCalls()).isEqualTo(slow);
        assertThat(stats.rejections()).isZero();
        assertThat(stats.windowCalls()).isEqualTo(1_000);
        long[] held = slotsHeld(breaker);
        assertThat(stats.windowFailures()).as("failures the slots hold").isEqualTo(held[0]);
        assertThat(stats.windowSlowCalls()).as("slow calls the slots hold").isEqualTo(held[1]);

        // a lost update would stay in the running aggregate: overwrite every slot with a known pattern
        for (int i = 0; i < 1_000; i++) {
            long ticket = breaker.acquire();
            long nanos = i % 5 == 0 ? SLOW_NANOS : 0;
            if (i % 4 == 0) {
                breaker.recordError(ticket, nanos, DOWN);
            }
            else {
                breaker.record(ticket, CallOutcome.SUCCESS, nanos, null);
            }
        }
        stats = breaker.stats();
        assertThat(stats.windowFailures()).isEqualTo(250);
        assertThat(stats.windowSlowCalls()).isEqualTo(200);
    }

    /** Counts the failed and slow bits in the count window's slots, read through its private fields. */
    private static long[] slotsHeld(CircuitBreaker breaker) {
        try {
            Field stateField = CircuitBreaker.class.getDeclaredField("state");
            stateField.setAccessible(true);
            CountWindow window = (CountWindow) ((ClosedState) stateField.get(breaker)).window;
            Field wordsField = CountWindow.class.getDeclaredField("words");
            wordsField.setAccessible(true);
            long[] words = (long[]) wordsField.get(window);
            long failed = 0;
            long slow = 0;
            for (long word : words) {
                failed += Long.bitCount(word & 0x5555_5555_5555_5555L);
                slow += Long.bitCount(word & 0xAAAA_AAAA_AAAA_AAAAL);
            }
            return new long[] {failed, slow};
        }
        catch (ReflectiveOperationException ex) {
            throw new AssertionError("the count window's layout changed", ex);
        }
    }

    @Test
    void eightThreadsLeaveATimeWindowExactBucketByBucket() throws Exception {
        // 2s in 20 buckets of 100ms; the threads run 25 rounds, the clock moving one bucket between rounds
        CircuitBreaker breaker = breaker(neverTrips().timeWindow(Duration.ofSeconds(2)).minimumCalls(1_000));
        int rounds = 25;
        int perRound = CALLS / rounds;
        long[][] expected = new long[rounds][3];
        for (int round = 0; round < rounds; round++) {
            for (int thread = 0; thread < THREADS; thread++) {
                for (int i = round * perRound; i < (round + 1) * perRound; i++) {
                    expected[round][0]++;
                    expected[round][1] += fails(i) ? 1 : 0;
                    expected[round][2] += slow(thread, i) ? 1 : 0;
                }
            }
        }
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger finished = new AtomicInteger();
        CyclicBarrier barrier = new CyclicBarrier(THREADS, () -> {
            int round = finished.getAndIncrement();
            CircuitBreakerStats stats = breaker.stats();
            long[] want = new long[3];
            for (int r = Math.max(0, round - 19); r <= round; r++) {
                for (int f = 0; f < 3; f++) {
                    want[f] += expected[r][f];
                }
            }
            long[] got = {stats.windowCalls(), stats.windowFailures(), stats.windowSlowCalls()};
            if (!java.util.Arrays.equals(want, got)) {
                mismatches.add("after round " + round + ": window " + java.util.Arrays.toString(got) + ", expected "
                        + java.util.Arrays.toString(want));
            }
            clock.advanceMillis(100);
        });
        Racers.race(THREADS, 60, thread -> {
            for (int round = 0; round < rounds; round++) {
                for (int i = round * perRound; i < (round + 1) * perRound; i++) {
                    call(breaker, thread, i);
                }
                barrier.await(30, TimeUnit.SECONDS);
            }
        });
        assertThat(mismatches).isEmpty();
        assertThat(finished).hasValue(rounds);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.calls()).isEqualTo((long) THREADS * CALLS);
        long failures = 0;
        long slow = 0;
        for (long[] round : expected) {
            failures += round[1];
            slow += round[2];
        }
        assertThat(stats.failures()).isEqualTo(failures);
        assertThat(stats.slowCalls()).isEqualTo(slow);
        // the clock now stands one bucket past the last round: rounds 6 to 24 are in the window
        long[] want = new long[3];
        for (int r = 6; r < rounds; r++) {
            for (int f = 0; f < 3; f++) {
                want[f] += expected[r][f];
            }
        }
        assertThat(new long[] {stats.windowCalls(), stats.windowFailures(), stats.windowSlowCalls()})
                .containsExactly(want);
    }

    @Test
    void halfOpenAdmitsExactlyItsPermittedCallsOutOf64RacersAndDecidesOnce() {
        int racers = 64;
        int trials = 1_000;
        int permitted = 3;
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).halfOpenPermittedCalls(permitted).halfOpenSuccessThreshold(2));
        int[] admitted = new int[trials];
        int[] failedTrials = new int[trials];
        List<List<StateTransition>> decisions = new ArrayList<>();
        AtomicInteger admittedNow = new AtomicInteger();
        AtomicInteger failingNow = new AtomicInteger();
        AtomicInteger trial = new AtomicInteger(-1);
        // before each trial (and after the last): note how the last one was decided, then half-open again
        CyclicBarrier between = new CyclicBarrier(racers, () -> {
            int finished = trial.get();
            if (finished >= 0) {
                failedTrials[finished] = failingNow.get();
                decisions.add(new ArrayList<>(transitions));
            }
            breaker.reset();
            long ticket = breaker.acquire();
            breaker.recordError(ticket, 0, DOWN);
            clock.advance(Duration.ofSeconds(1));
            if (breaker.state() != CircuitState.HALF_OPEN) {
                throw new IllegalStateException("not half-open before trial " + (finished + 1));
            }
            transitions.clear();
            admittedNow.set(0);
            failingNow.set(0);
            trial.incrementAndGet();
        });
        // once every racer has asked: count the admitted while their calls are all still in flight
        CyclicBarrier asked = new CyclicBarrier(racers, () -> admitted[trial.get()] = admittedNow.get());
        Racers.race(racers, 60, thread -> {
            for (int t = 0; t < trials; t++) {
                between.await(30, TimeUnit.SECONDS);
                long ticket;
                try {
                    ticket = breaker.acquire();
                    admittedNow.incrementAndGet();
                }
                catch (CircuitOpenException rejected) {
                    ticket = Long.MIN_VALUE;
                }
                asked.await(30, TimeUnit.SECONDS);
                if (ticket != Long.MIN_VALUE) {
                    if ((t + thread) % 7 == 0) {
                        failingNow.incrementAndGet();
                        breaker.recordError(ticket, 0, DOWN);
                    }
                    else {
                        breaker.record(ticket, CallOutcome.SUCCESS, 0, null);
                    }
                }
            }
            between.await(30, TimeUnit.SECONDS);
        });
        assertThat(admitted).containsOnly(permitted);
        assertThat(decisions).hasSize(trials);
        for (int t = 0; t < trials; t++) {
            List<StateTransition> decided = decisions.get(t);
            assertThat(decided).as("trial %d", t).hasSize(1);
            assertThat(decided.get(0).from()).isEqualTo(CircuitState.HALF_OPEN);
            if (failedTrials[t] == 0) {
                assertThat(decided.get(0).to()).as("trial %d, all trials succeeded", t).isEqualTo(CircuitState.CLOSED);
            }
            else if (failedTrials[t] >= 2) {
                assertThat(decided.get(0).to()).as("trial %d, fewer than 2 successes", t)
                        .isEqualTo(CircuitState.OPEN);
            }
        }
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.rejections()).isEqualTo((long) (racers - permitted) * trials);
        assertThat(stats.successfulRecoveries() + stats.failedRecoveries()).isEqualTo(trials);
    }

    @Test
    void concurrentFailuresTripTheBreakerExactlyOnce() {
        int racers = 16;
        int calls = 500;
        for (int repetition = 0; repetition < 100; repetition++) {
            transitions.clear();
            CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(50).minimumCalls(20)
                    .failureRateThreshold(0.5).consecutiveFailuresThreshold(30));
            AtomicLong rejected = new AtomicLong();
            Racers.race(racers, 30, thread -> {
                for (int i = 0; i < calls; i++) {
                    try {
                        breaker.run(() -> {
                            throw DOWN;
                        });
                    }
                    catch (CircuitOpenException ex) {
                        rejected.incrementAndGet();
                    }
                    catch (IllegalStateException expected) {
                        // a failure
                    }
                }
            });
            CircuitBreakerStats stats = breaker.stats();
            assertThat(transitions).as("repetition %d", repetition).hasSize(1).first()
                    .satisfies(t -> {
                        assertThat(t.from()).isEqualTo(CircuitState.CLOSED);
                        assertThat(t.to()).isEqualTo(CircuitState.OPEN);
                    });
            assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
            assertThat(stats.opens()).isEqualTo(1);
            assertThat(stats.failures()).isGreaterThanOrEqualTo(20);
            assertThat(stats.failures() + stats.rejections()).isEqualTo((long) racers * calls);
            assertThat(stats.rejections()).isEqualTo(rejected.get());
        }
    }

    /** Thrown by a call, listed in ignore-exceptions. */
    static final class IgnoredRuntime extends RuntimeException {
        IgnoredRuntime() {
            super("ignored", null, false, false);
        }
    }

    /** A checked exception listed in ignore-exceptions. */
    static final class IgnoredChecked extends IOException {
        IgnoredChecked() {
            super("ignored");
        }
    }

    /** An error listed in ignore-exceptions. */
    static final class IgnoredError extends Error {
        IgnoredError() {
            super("ignored", null, false, false);
        }
    }

    @Test
    void everyCallReleasesItsPermitWhateverItThrows() throws Exception {
        int permitted = 4;
        int perThread = 20_000;
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).halfOpenPermittedCalls(permitted).halfOpenSuccessThreshold(permitted)
                .ignoreExceptions(IgnoredRuntime.class, IgnoredChecked.class, IgnoredError.class));
        breaker.recordError(breaker.acquire(), 0, DOWN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        AtomicLong admitted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Racers.race(THREADS, 60, thread -> {
            for (int i = 0; i < perThread; i++) {
                if (oneIgnoredCall(breaker, (i + thread) % 6)) {
                    admitted.incrementAndGet();
                }
                else {
                    rejected.incrementAndGet();
                }
            }
        });
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(admitted.get() + rejected.get()).isEqualTo((long) THREADS * perThread);
        assertThat(admitted.get()).isPositive();
        assertThat(stats.ignored()).isEqualTo(admitted.get());
        assertThat(stats.rejections()).isEqualTo(rejected.get());
        // every permit came back: exactly `permitted` more calls may start
        for (int i = 0; i < permitted; i++) {
            breaker.acquire();
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(breaker::acquire))
                .isInstanceOf(CircuitOpenException.class);
    }

    /** @return whether the call was admitted (it then ends ignored, one way or another) */
    private static boolean oneIgnoredCall(CircuitBreaker breaker, int how) throws Exception {
        try {
            switch (how) {
                case 0 -> breaker.get(() -> {
                    throw new IgnoredRuntime();
                });
                case 1 -> breaker.call(() -> {
                    throw new IgnoredChecked();
                });
                case 2 -> breaker.run(() -> {
                    throw new IgnoredError();
                });
                case 3 -> breaker.executeAsync(() -> CompletableFuture.<String>failedFuture(new IgnoredRuntime()))
                        .toCompletableFuture().join();
                case 4 -> {
                    CompletableFuture<String> never = new CompletableFuture<>();
                    CompletableFuture<String> result = breaker.executeAsync(() -> never).toCompletableFuture();
                    if (result.isCompletedExceptionally()) {
                        result.join(); // a rejection
                    }
                    result.cancel(true);
                    assertThat(never).isCancelled();
                    return true;
                }
                default -> {
                    long ticket = breaker.acquire();
                    breaker.record(ticket, CallOutcome.IGNORED, 0, null);
                    return true;
                }
            }
        }
        catch (CircuitOpenException rejected) {
            return false;
        }
        catch (java.util.concurrent.CompletionException ex) {
            if (ex.getCause() instanceof CircuitOpenException) {
                return false;
            }
            assertThat(ex.getCause()).isInstanceOf(IgnoredRuntime.class);
            return true;
        }
        catch (IgnoredRuntime | IgnoredChecked | IgnoredError thrown) {
            return true;
        }
        throw new AssertionError("an ignored call returned normally: " + how);
    }
}
