package dev.breaker.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest {@value #SIZE} transitions of one breaker, in a fixed ring: why it opened, and what
 * it did since. Made on a breaker's first transition, so a breaker that never trips pays nothing;
 * one that did holds at most {@value #SIZE} transitions (about 2 KB).
 */
final class TransitionHistory {

    static final int SIZE = 20;

    private final AtomicReferenceArray<StateTransition> ring = new AtomicReferenceArray<>(SIZE);
    private final AtomicLong written = new AtomicLong();

    void add(StateTransition transition) {
        ring.set((int) (written.getAndIncrement() % SIZE), transition);
    }

    /** @return the transitions kept, newest first */
    List<StateTransition> newestFirst() {
        long end = written.get();
        List<StateTransition> transitions = new ArrayList<>(SIZE);
        for (long i = end - 1; i >= Math.max(0, end - SIZE); i--) {
            StateTransition transition = ring.get((int) (i % SIZE));
            if (transition != null) {
                transitions.add(transition);
            }
        }
        return transitions;
    }
}
