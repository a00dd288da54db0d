package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Threads making keyed calls at once: the bound holds, and a keyed call never goes through the named breaker. */
class KeyedChildrenRaceTest {

    private static final int THREADS = 8;

    private static CircuitBreaker bot(ManualClock clock, int maxKeys) {
        return CircuitBreakerRegistry.builder().clock(clock)
            .defaults(CircuitBreakerConfig.builder().maxKeys(maxKeys).build()).build().breaker("bot");
    }

    @Test
    void childrenCreatedConcurrentlyStayWithinMaxKeys() {
        CircuitBreaker parent = bot(new ManualClock(), 50);
        AtomicInteger largest = new AtomicInteger();
        Racers.race(THREADS, 30, thread -> {
            for (int i = 0; i < 5_000; i++) {
                parent.child(thread + "-" + i);
                largest.accumulateAndGet(parent.childCount(), Math::max);
            }
        });
        assertThat(largest.get()).isLessThanOrEqualTo(50);
    }

    @Test
    void threadsAskingForTheSameNewKeyGetOneChildAndUseOneSlot() {
        ManualClock clock = new ManualClock();
        CircuitBreaker parent = bot(clock, 5);
        Set<CircuitBreaker> children = ConcurrentHashMap.newKeySet();
        Racers.race(THREADS, 5, thread -> children.add(parent.child("same")));
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
    void keyedCallsNeverGoThroughTheNamedBreakerWhateverOtherThreadsDo() {
        int keys = 10_000;
        CircuitBreaker parent = bot(new ManualClock(), keys);
        AtomicInteger throughParent = new AtomicInteger();
        AtomicInteger wrongChild = new AtomicInteger();
        Racers.race(THREADS, 60, thread -> {
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
        });
        assertThat(throughParent.get()).isZero();
        assertThat(wrongChild.get()).as("every key fits: none shares the overflow child").isZero();
        assertThat(parent.stats().calls()).isZero();
        assertThat(parent.childCount()).isEqualTo(keys);
        assertThat(parent.children().stream().mapToLong(child -> child.stats().calls()).sum())
            .as("no outcome lost").isEqualTo(THREADS * 50_000L);
    }
}
