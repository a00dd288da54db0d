package dev.breaker.redis;

import dev.breaker.core.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Protected calls running on every instance while a fault happens: two threads per instance,
 * about a thousand calls a second each, through the keyed breaker {@code load}, a new key every
 * twentieth call (so that new children ask Redis for their state). Every call succeeds unless
 * Redis makes it fail, which is what it counts, with how long the calls took.
 */
final class FleetLoad {

    /** A call slower than this waited for Redis (half the command timeout: scheduling hiccups stay below it). */
    static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final int THREADS_PER_INSTANCE = 2;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Caller> callers = new ArrayList<>();

    /** Starts the calls. */
    FleetLoad(List<CircuitBreakerRegistry> instances) {
        for (CircuitBreakerRegistry instance : instances) {
            for (int i = 0; i < THREADS_PER_INSTANCE; i++) {
                Caller caller = new Caller(instance, "t" + callers.size() + "-");
                callers.add(caller);
                caller.thread.start();
            }
        }
    }

    /** @return what the calls met, once they all stopped */
    Result stop() throws InterruptedException {
        running.set(false);
        long calls = 0;
        long failed = 0;
        long slowest = 0;
        int slowPerThread = 0;
        for (Caller caller : callers) {
            caller.thread.join(TimeUnit.SECONDS.toMillis(10));
            calls += caller.calls;
            failed += caller.failed;
            slowest = Math.max(slowest, caller.slowestNanos);
            slowPerThread = Math.max(slowPerThread, caller.slow);
        }
        return new Result(calls, failed, TimeUnit.NANOSECONDS.toMillis(slowest), slowPerThread);
    }

    /**
     * @param calls protected calls made
     * @param failed calls that failed: every one because of Redis, since the calls themselves succeed
     * @param slowestMillis the longest call
     * @param slowPerThread the most calls slower than {@link #SLOW_NANOS} on one thread
     */
    record Result(long calls, long failed, long slowestMillis, int slowPerThread) {
    }

    private final class Caller implements Runnable {

        final Thread thread = new Thread(this, "fleet-load");
        private final CircuitBreakerRegistry instance;
        private final String keyPrefix;
        long calls;
        long failed;
        long slowestNanos;
        int slow;

        Caller(CircuitBreakerRegistry instance, String keyPrefix) {
            this.instance = instance;
            this.keyPrefix = keyPrefix;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    instance.breaker("load", keyPrefix + calls / 20).get(() -> "ok");
                }
                catch (RuntimeException ex) {
                    failed++;
                }
                long took = System.nanoTime() - started;
                slowestNanos = Math.max(slowestNanos, took);
                if (took > SLOW_NANOS) {
                    slow++;
                }
                calls++;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pacing, about 1,000 calls a second
            }
        }
    }
}
