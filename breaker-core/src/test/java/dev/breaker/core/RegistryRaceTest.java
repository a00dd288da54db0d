package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A creation callback registered while breakers are being created sees each of them exactly once. */
class RegistryRaceTest {

    private static final int BREAKERS = 50;

    @Test
    void aCallbackRegisteredDuringCreationSeesEachBreakerOnce() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 2000; round++) {
                CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(new ManualClock()).build();
                Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
                CountDownLatch start = new CountDownLatch(1);
                Future<?> creating = executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < BREAKERS; i++) {
                        registry.breaker("b" + i);
                    }
                    return null;
                });
                start.countDown();
                registry.forEachBreaker(breaker -> seen.computeIfAbsent(breaker.name(), n -> new AtomicInteger())
                    .incrementAndGet());
                creating.get(5, TimeUnit.SECONDS);
                assertThat(seen).hasSize(BREAKERS);
                assertThat(seen.values()).as("round %d", round).allSatisfy(count -> assertThat(count).hasValue(1));
            }
        }
        finally {
            executor.shutdownNow();
        }
    }
}
