package dev.breaker.spring.actuate.endpoint;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.ChildrenDescriptor;

/**
 * Sums the calls of each named breaker's keyed children, evicted children included, as the
 * meters do under the parent's name, so that the endpoint and the meters agree.
 */
final class ChildrenTotals implements CircuitBreakerListener {

    private final Map<String, Counts> byName = new ConcurrentHashMap<>();

    @Override
    public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos,
            @Nullable Throwable error) {
        if (breaker.key() != null) {
            this.byName.computeIfAbsent(breaker.name(), (name) -> new Counts()).add(outcome);
        }
    }

    /**
     * @param name a named breaker
     * @return the totals of its keyed children, or {@code null} when none has had a call
     */
    @Nullable ChildrenDescriptor of(String name) {
        Counts counts = this.byName.get(name);
        return (counts != null) ? counts.read() : null;
    }

    private static final class Counts {

        private final LongAdder successes = new LongAdder();

        private final LongAdder failures = new LongAdder();

        private final LongAdder ignored = new LongAdder();

        private final LongAdder rejections = new LongAdder();

        void add(CallOutcome outcome) {
            switch (outcome) {
                case SUCCESS -> this.successes.increment();
                case FAILURE, TIMEOUT -> this.failures.increment();
                case IGNORED -> this.ignored.increment();
                case REJECTED -> this.rejections.increment();
            }
        }

        ChildrenDescriptor read() {
            long successes = this.successes.sum();
            long failures = this.failures.sum();
            return new ChildrenDescriptor(successes + failures + this.ignored.sum(), successes, failures,
                    this.rejections.sum());
        }

    }

}
