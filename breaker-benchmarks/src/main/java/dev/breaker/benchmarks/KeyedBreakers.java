package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.failsafe.FailsafeExecutor;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The keyed breakers of each library, one per key, all made before the measurement so that a
 * keyed call is a lookup and a call, never a creation. Each library has its own state so that a
 * benchmark builds only its own million breakers.
 */
public final class KeyedBreakers {

    static final String NAME = "per-user";

    private KeyedBreakers() {
    }

    /** A plain map from key to result: the floor of any keyed lookup. */
    @State(Scope.Benchmark)
    public static class Bare {

        String[] keys;
        ConcurrentHashMap<String, String> map;

        @Setup
        public void setUp() {
            keys = Keys.make(Keys.COUNT);
            map = new ConcurrentHashMap<>();
            for (String key : keys) {
                map.put(key, Downstream.RESULT);
            }
        }
    }

    /** This library: keyed children of one named breaker. */
    @State(Scope.Benchmark)
    public static class Ours {

        String[] keys;
        CircuitBreakerRegistry registry;

        @Setup
        public void setUp() {
            keys = Keys.make(Keys.COUNT);
            registry = SameConfig.registry(Keys.COUNT);
            for (String key : keys) {
                registry.breaker(NAME).child(key);
            }
            if (registry.breaker(NAME).childCount() != Keys.COUNT) {
                throw new IllegalStateException("children were dropped");
            }
        }
    }

    /** Resilience4j: a breaker per key, by name, from its registry. */
    @State(Scope.Benchmark)
    public static class Resilience4j {

        String[] keys;
        io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry registry;

        @Setup
        public void setUp() {
            keys = Keys.make(Keys.COUNT);
            registry = io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.of(SameConfig.resilience4j());
            for (String key : keys) {
                registry.circuitBreaker(key);
            }
        }
    }

    /** Failsafe has no registry: a concurrent map from key to a breaker's executor, as users write it. */
    @State(Scope.Benchmark)
    public static class Failsafe {

        String[] keys;
        ConcurrentHashMap<String, FailsafeExecutor<Object>> map;

        @Setup
        public void setUp() {
            keys = Keys.make(Keys.COUNT);
            map = new ConcurrentHashMap<>();
            for (String key : keys) {
                map.put(key, SameConfig.failsafeExecutor(SameConfig.failsafe()));
            }
        }

        FailsafeExecutor<Object> get(String key) {
            return map.computeIfAbsent(key, k -> SameConfig.failsafeExecutor(SameConfig.failsafe()));
        }
    }
}
