package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerConfig defaults = config().minimumCalls(5).countWindow(20).build();

    private final CircuitBreakerConfig payment = config().failureRateThreshold(0.6).minimumCalls(3)
        .consecutiveFailuresThreshold(1).build();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(clock)
        .defaults(defaults)
        .config("payment", payment)
        .build();

    @Test
    void aNameGivesTheSameBreakerEveryTime() {
        CircuitBreaker search = registry.breaker("search");
        assertThat(registry.breaker("search")).isSameAs(search);
        assertThat(search.name()).isEqualTo("search");
        assertThat(search.key()).isNull();
        assertThat(search.clock()).isSameAs(clock);
    }

    @Test
    void aConfiguredNameGetsItsConfigurationAndOthersGetTheDefaults() {
        assertThat(registry.breaker("payment").config()).isSameAs(payment);
        assertThat(registry.breaker("search").config()).isSameAs(defaults);
        assertThat(registry.configFor("payment")).isSameAs(payment);
        assertThat(registry.configFor("unknown")).isSameAs(defaults);
        assertThat(registry.defaults()).isSameAs(defaults);
    }

    @Test
    void configuredBreakersExistFromTheStart() {
        assertThat(registry.names()).containsExactly("payment");
        assertThat(registry.find("payment")).isPresent();
        assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("payment");
    }

    @Test
    void findNeverCreatesABreakerOrAChild() {
        assertThat(registry.find("search")).isEmpty();
        assertThat(registry.find("payment", "user-42")).isEmpty();
        assertThat(registry.names()).containsExactly("payment");
        assertThat(registry.breaker("payment").childCount()).isZero();
        CircuitBreaker child = registry.breaker("payment", "user-42");
        assertThat(registry.find("payment", "user-42")).containsSame(child);
    }

    @Test
    void allListsNamedBreakersButNotTheirChildren() {
        registry.breaker("search", "tenant-a");
        registry.breaker("search", "tenant-b");
        assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactlyInAnyOrder("payment", "search");
        assertThat(registry.breaker("search").children()).extracting(CircuitBreaker::key)
            .containsExactlyInAnyOrder("tenant-a", "tenant-b");
    }

    @Test
    void withStateFiltersTheNamedBreakers() {
        registry.breaker("search");
        registry.breaker("orders").forceClose();
        Calls.fail(registry.breaker("payment"), 1);
        assertThat(registry.withState(CircuitState.OPEN)).extracting(CircuitBreaker::name).containsExactly("payment");
        assertThat(registry.withState(CircuitState.CLOSED)).extracting(CircuitBreaker::name).containsExactly("search");
        assertThat(registry.withState(CircuitState.FORCED_CLOSED)).extracting(CircuitBreaker::name)
            .containsExactly("orders");
        assertThat(registry.withState(CircuitState.FORCED_OPEN)).isEmpty();
    }

    @Test
    void forEachBreakerSeesExistingAndFutureBreakersOnceEach() {
        registry.breaker("search");
        List<String> seen = new CopyOnWriteArrayList<>();
        registry.forEachBreaker(breaker -> seen.add(breaker.name()));
        assertThat(seen).containsExactlyInAnyOrder("payment", "search");
        registry.breaker("orders");
        registry.breaker("orders");
        registry.breaker("orders", "key");
        assertThat(seen).containsExactlyInAnyOrder("payment", "search", "orders");
    }

    @Test
    void breakersCreatedConcurrentlyAreCreatedOnce() throws Exception {
        AtomicInteger created = new AtomicInteger();
        registry.forEachBreaker(breaker -> created.incrementAndGet());
        int threads = 8;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CircuitBreaker>> results = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return registry.breaker("race");
                }));
            }
            start.countDown();
            Set<CircuitBreaker> distinct = ConcurrentHashMap.newKeySet();
            for (Future<CircuitBreaker> result : results) {
                distinct.add(result.get(5, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(created).as("payment, then race once").hasValue(2);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theRegistrysRandomSpreadsTheOpenWait() {
        CircuitBreakerRegistry jittered = CircuitBreakerRegistry.builder().clock(clock).random(() -> 0.0)
            .defaults(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10))
                .backoffJitter(0.5).build())
            .build();
        Calls.fail(jittered.breaker("payment"), 1);
        assertThat(jittered.breaker("payment").retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRegistryWithDefaultsUsesTheDefaultConfiguration() {
        CircuitBreakerRegistry plain = CircuitBreakerRegistry.ofDefaults();
        assertThat(plain.breaker("any").config()).isEqualTo(CircuitBreakerConfig.defaults());
        assertThat(plain.names()).containsExactly("any");
        assertThat(plain.clock()).isSameAs(BreakerClock.system());
    }

    @Test
    void breakersOfOneRegistryShareItsClock() {
        Calls.fail(registry.breaker("payment"), 1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(registry.breaker("payment").state()).isEqualTo(CircuitState.HALF_OPEN);
    }
}
