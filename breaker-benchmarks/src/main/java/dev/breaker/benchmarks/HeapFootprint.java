package dev.breaker.benchmarks;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Heap bytes per breaker: the used heap after a full collection, before and after making
 * {@code count} breakers, divided by {@code count}. Names and keys, and a registry or map to
 * hold the breakers, are made before the first reading, so only the breakers are counted (with
 * their entry in the registry or map that holds them). Meant to run alone in its own JVM, best
 * with a stop-the-world collector ({@code -XX:+UseSerialGC}) whose used heap after
 * {@code System.gc()} is exactly the live data.
 *
 * <p>Usage: {@code HeapFootprint <subject> <count> <rounds>}; prints
 * {@code bytes-per-breaker=<median> min=<min> max=<max>}.
 */
public final class HeapFootprint {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapFootprint() {
    }

    /**
     * Measures one subject.
     * @param args the subject (see {@link #maker}), the number of breakers, the number of rounds
     * @throws InterruptedException if interrupted while letting the collector settle
     */
    public static void main(String[] args) throws InterruptedException {
        String subject = args[0];
        int count = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] names = Keys.make(count);
        double[] perBreaker = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            IntFunction<Object> maker = maker(subject, names);
            long before = settledUsedHeap();
            Object[] made = new Object[count];
            for (int i = 0; i < count; i++) {
                made[i] = maker.apply(i);
            }
            long after = settledUsedHeap();
            // the array that keeps the breakers alive is not theirs to pay for
            long holder = 16 + 4L * count;
            perBreaker[round] = (after - before - holder) / (double) count;
            Reference.reachabilityFence(made);
            Reference.reachabilityFence(maker);
        }
        Arrays.sort(perBreaker);
        System.out.printf(Locale.ROOT, "bytes-per-breaker=%.1f min=%.1f max=%.1f%n", perBreaker[rounds / 2],
                perBreaker[0], perBreaker[rounds - 1]);
    }

    /**
     * What makes breaker {@code i}, with its holder made in advance.
     * <ul>
     * <li>{@code breaker-registry}: a named breaker of this library's registry;
     * <li>{@code breaker-standalone}: {@code CircuitBreaker.of(name, config)};
     * <li>{@code breaker-keyed}: a keyed child of one named breaker;
     * <li>{@code resilience4j-registry}: a breaker of Resilience4j's registry, by name (also its
     *     keyed peer);
     * <li>{@code resilience4j-standalone}: {@code CircuitBreaker.of(name, config)};
     * <li>{@code failsafe-standalone}: a built Failsafe breaker;
     * <li>{@code failsafe-keyed}: a Failsafe breaker in a concurrent map by key.
     * </ul>
     */
    private static IntFunction<Object> maker(String subject, String[] names) {
        switch (subject) {
            case "breaker-registry": {
                CircuitBreakerRegistry registry = SameConfig.registry(10_000);
                return i -> registry.breaker(names[i]);
            }
            case "breaker-standalone": {
                dev.breaker.core.CircuitBreakerConfig config = SameConfig.breaker(10_000);
                return i -> CircuitBreaker.of(names[i], config);
            }
            case "breaker-keyed": {
                CircuitBreaker parent = SameConfig.registry(names.length).breaker(KeyedBreakers.NAME);
                parent.child("warm-up");
                return i -> parent.child(names[i]);
            }
            case "resilience4j-registry": {
                io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry registry =
                        io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.of(SameConfig.resilience4j());
                return i -> registry.circuitBreaker(names[i]);
            }
            case "resilience4j-standalone": {
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig config = SameConfig.resilience4j();
                return i -> io.github.resilience4j.circuitbreaker.CircuitBreaker.of(names[i], config);
            }
            case "failsafe-standalone":
                return i -> SameConfig.failsafe();
            case "failsafe-keyed": {
                ConcurrentHashMap<String, dev.failsafe.CircuitBreaker<Object>> map = new ConcurrentHashMap<>();
                return i -> map.computeIfAbsent(names[i], key -> SameConfig.failsafe());
            }
            default:
                throw new IllegalArgumentException("unknown subject " + subject);
        }
    }

    private static long settledUsedHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
