package dev.breaker.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.StateTransition;

/**
 * Binds the meters of every named breaker of a {@link CircuitBreakerRegistry}, existing or
 * created later: {@code breaker.state}, {@code breaker.health.score},
 * {@code breaker.next.retry}, {@code breaker.failure.rate}, {@code breaker.keys} and
 * {@code breaker.keys.open} gauges, the {@code breaker.calls} timer by outcome and the
 * {@code breaker.transitions} counter.
 *
 * <p>Every meter is tagged with the breaker's {@code name}; keyed children count towards their
 * breaker and are never a tag of their own. Gauges hold their breaker weakly. Recording a call
 * looks its timer up without allocating.
 */
public class CircuitBreakerMeterBinder implements MeterBinder {

    static final String CALLS_DESCRIPTION = "Calls through the circuit breaker by outcome; rejected calls did not run";

    private static final CallOutcome[] OUTCOMES = CallOutcome.values();

    private final CircuitBreakerRegistry breakers;

    private final boolean recordsCalls;

    /**
     * Create a binder for the breakers of a registry that records the {@code breaker.calls}
     * timer itself.
     * @param breakers the registry
     */
    public CircuitBreakerMeterBinder(CircuitBreakerRegistry breakers) {
        this(breakers, true);
    }

    /**
     * Create a binder for the breakers of a registry.
     * @param breakers the registry
     * @param recordsCalls whether the binder records the {@code breaker.calls} timer; {@code false}
     * when a {@link BreakerCallsMeterObservationHandler} records it from observations. The timers
     * are registered either way, so that every outcome shows from startup.
     */
    public CircuitBreakerMeterBinder(CircuitBreakerRegistry breakers, boolean recordsCalls) {
        this.breakers = breakers;
        this.recordsCalls = recordsCalls;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Recorder recorder = new Recorder(registry, this.recordsCalls);
        this.breakers.addListener(recorder);
        this.breakers.forEachBreaker(recorder::bindGauges);
    }

    /** Registers the meters of each breaker in one meter registry and records into them. */
    private static final class Recorder implements CircuitBreakerListener {

        private final MeterRegistry registry;

        private final boolean recordsCalls;

        private final Map<String, Timer[]> callTimers = new ConcurrentHashMap<>();

        Recorder(MeterRegistry registry, boolean recordsCalls) {
            this.registry = registry;
            this.recordsCalls = recordsCalls;
        }

        void bindGauges(CircuitBreaker breaker) {
            String name = breaker.name();
            for (CircuitState state : CircuitState.values()) {
                Gauge.builder("breaker.state", breaker, (b) -> (b.state() == state) ? 1 : 0)
                    .tag("name", name)
                    .tag("state", state.tagValue())
                    .description("Whether the circuit breaker is in this state: 1 for the current state, 0 otherwise")
                    .register(this.registry);
            }
            Gauge.builder("breaker.health.score", breaker, (b) -> b.stats().healthScore())
                .tag("name", name)
                .description("Successes / (successes + failures) over the circuit breaker's window, 1 when empty")
                .register(this.registry);
            Gauge.builder("breaker.next.retry", breaker, (b) -> b.retryAfter().toNanos() / 1e9)
                .tag("name", name)
                .description("Time until the open circuit breaker admits its next trial call; 0 unless OPEN")
                .baseUnit("seconds")
                .register(this.registry);
            Gauge.builder("breaker.failure.rate", breaker, (b) -> b.stats().failureRate())
                .tag("name", name)
                .description("Failures / calls over the circuit breaker's window")
                .register(this.registry);
            Gauge.builder("breaker.keys", breaker, CircuitBreaker::childCount)
                .tag("name", name)
                .description("Live keyed children of the circuit breaker")
                .register(this.registry);
            Gauge.builder("breaker.keys.open", breaker, Recorder::openChildren)
                .tag("name", name)
                .description("Keyed children of the circuit breaker that reject calls (OPEN or FORCED_OPEN)")
                .register(this.registry);
            timers(name);
        }

        @Override
        public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos,
                @Nullable Throwable error) {
            if (this.recordsCalls) {
                timers(breaker.name())[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void onStateTransition(StateTransition transition) {
            Counter.builder("breaker.transitions")
                .tag("name", transition.breakerName())
                .tag("from", transition.from().tagValue())
                .tag("to", transition.to().tagValue())
                .description("State changes of the circuit breaker")
                .register(this.registry)
                .increment();
        }

        private Timer[] timers(String name) {
            Timer[] timers = this.callTimers.get(name);
            return (timers != null) ? timers : this.callTimers.computeIfAbsent(name, this::registerTimers);
        }

        private Timer[] registerTimers(String name) {
            Timer[] timers = new Timer[OUTCOMES.length];
            for (CallOutcome outcome : OUTCOMES) {
                timers[outcome.ordinal()] = Timer.builder("breaker.calls")
                    .tag("name", name)
                    .tag("outcome", outcome.tagValue())
                    .description(CALLS_DESCRIPTION)
                    .register(this.registry);
            }
            return timers;
        }

        private static double openChildren(CircuitBreaker breaker) {
            int open = 0;
            for (CircuitBreaker child : breaker.children()) {
                if (child.state().rejectsCalls()) {
                    open++;
                }
            }
            return open;
        }

    }

}
