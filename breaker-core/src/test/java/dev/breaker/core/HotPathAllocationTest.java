package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A call through a CLOSED breaker and a rejection by an OPEN one allocate nothing. */
class HotPathAllocationTest {

    private static final int CALLS = 100_000;

    private static final Supplier<String> CALL = () -> "ok";

    private final com.sun.management.ThreadMXBean threads = threads();

    private static com.sun.management.ThreadMXBean threads() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean ? bean : null;
    }

    private long allocatedBy(Runnable work) {
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static void closedCalls(CircuitBreaker breaker) {
        for (int i = 0; i < CALLS; i++) {
            breaker.get(CALL);
        }
    }

    private static void rejectedCalls(CircuitBreaker breaker) {
        for (int i = 0; i < CALLS; i++) {
            try {
                breaker.get(CALL);
            }
            catch (CircuitOpenException expected) {
                // the same instance every time
            }
        }
    }

    @Test
    void callsThroughAClosedBreakerAllocateNothing() {
        assumeTrue(threads != null && threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        CircuitBreaker breaker = CircuitBreaker.of("payment");
        for (int i = 0; i < 5; i++) {
            closedCalls(breaker);
        }
        long bytes = allocatedBy(() -> closedCalls(breaker));
        assertThat(bytes).as("bytes allocated by %d calls", CALLS).isLessThan(CALLS / 10);
        assertThat(breaker.stats().successes()).isEqualTo(6L * CALLS);
    }

    @Test
    void rejectionsByAnOpenBreakerAllocateNothing() {
        assumeTrue(threads != null && threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        CircuitBreaker breaker = CircuitBreaker.builder("payment")
            .config(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).build())
            .build();
        try {
            breaker.run(() -> {
                throw new IllegalStateException("down");
            });
        }
        catch (IllegalStateException expected) {
            // trips the breaker
        }
        for (int i = 0; i < 5; i++) {
            rejectedCalls(breaker);
        }
        long bytes = allocatedBy(() -> rejectedCalls(breaker));
        assertThat(bytes).as("bytes allocated by %d rejections", CALLS).isLessThan(CALLS / 10);
        assertThat(breaker.stats().rejections()).isEqualTo(6L * CALLS);
    }
}
