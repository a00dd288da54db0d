package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Threads creating keyed children at once never push their number past {@code keys.max-keys}. */
class KeyedChildrenRaceTest {

    private static final int THREADS = 8;

    @Test
    void childrenCreatedConcurrentlyStayWithinMaxKeys() throws Exception {
        CircuitBreaker parent = CircuitBreakerRegistry.builder().clock(new ManualClock())
            .defaults(CircuitBreakerConfig.builder().maxKeys(50).build()).build().breaker("bot");
        AtomicInteger largest = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 5_000; i++) {
                        parent.child(thread + "-" + i);
                        largest.accumulateAndGet(parent.childCount(), Math::max);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(largest.get()).isLessThanOrEqualTo(50);
    }

    @Test
    void threadsAskingForTheSameNewKeyGetOneChildAndUseOneSlot() throws Exception {
        ManualClock clock = new ManualClock();
        CircuitBreaker parent = CircuitBreakerRegistry.builder().clock(clock)
            .defaults(CircuitBreakerConfig.builder().maxKeys(5).build()).build().breaker("bot");
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        java.util.Set<CircuitBreaker> children = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(executor.submit(() -> {
                    start.await();
                    children.add(parent.child("same"));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(5, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(children).hasSize(1);
        clock.advanceMillis(1000);
        for (int i = 0; i < 4; i++) {
            parent.child("other-" + i);
        }
        assertThat(parent.childCount()).isEqualTo(5);
        assertThat(parent.findChild("same")).as("four more keys fit beside it")
            .containsSame(children.iterator().next());
    }

    @Test
    void keyedCallsNeverGoThroughTheNamedBreakerWhateverOtherThreadsDo() throws Exception {
        int keys = 10_000;
        CircuitBreaker parent = CircuitBreakerRegistry.builder().clock(new ManualClock())
            .defaults(CircuitBreakerConfig.builder().maxKeys(keys).build()).build().breaker("bot");
        AtomicInteger throughParent = new AtomicInteger();
        AtomicInteger wrongChild = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 50_000; i++) {
                        String key = "user-" + (i * 7919 + thread * 1_237) % keys;
                        CircuitBreaker child = parent.child(key);
                        if (child == parent) {
                            throughParent.incrementAndGet();
                        }
                        else if (!key.equals(child.key())) {
                            wrongChild.incrementAndGet();
                        }
                        child.get(() -> "ok");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(throughParent.get()).isZero();
        assertThat(wrongChild.get()).as("every key fits: none shares the overflow child").isZero();
        assertThat(parent.stats().calls()).isZero();
        assertThat(parent.childCount()).isEqualTo(keys);
        assertThat(parent.children().stream().mapToLong(child -> child.stats().calls()).sum())
            .as("no outcome lost").isEqualTo(THREADS * 50_000L);
    }
}
