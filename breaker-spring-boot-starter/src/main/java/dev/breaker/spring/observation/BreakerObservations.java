package dev.breaker.spring.observation;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CheckedSupplier;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.core.CircuitBreakerRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes every call through the circuit breakers it listens to a Micrometer
 * {@link Observation} named {@code breaker.calls}.
 *
 * <p>Integrations that wrap a call ({@code @CircuitProtected} methods that return a value,
 * Spring Cloud's blocking {@code CircuitBreaker}) {@linkplain #observe observe} it: the
 * observation starts before the breaker is asked, is current while the call runs (so the
 * downstream's own spans are its children), and takes its outcome from the breaker. Every
 * other call, through the core API or completing asynchronously, is observed by this
 * {@linkplain #observeCallsOf(CircuitBreakerRegistry) listener} when the breaker records its
 * outcome, as an observation that starts and stops at once. Either way each call is observed exactly once, and its timer duration is the one the
 * breaker measured.
 */
public class BreakerObservations {

    private static final DefaultBreakerObservationConvention DEFAULT_CONVENTION =
            new DefaultBreakerObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable BreakerObservationConvention convention;

    /**
     * Creates the observations.
     * @param registry where observations go
     * @param convention names and tags them, or {@code null} for the default
     */
    public BreakerObservations(ObservationRegistry registry, @Nullable BreakerObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    /**
     * Runs a call through a breaker as one observation, current while it runs.
     * @param <T> the result type
     * @param breaker the breaker the call goes through
     * @param call the call, which asks the breaker itself
     * @return the call's result
     * @throws Throwable what the call throws
     */
    @SuppressWarnings("try") // the scope is open while the call runs; nothing reads it
    public <T> T observe(CircuitBreaker breaker, CheckedSupplier<T> call) throws Throwable {
        Observation observation = create(new BreakerCallContext(breaker)).start();
        try (Observation.Scope scope = observation.openScope()) {
            return call.get();
        }
        finally {
            observation.stop();
        }
    }

    /**
     * Observes the calls through every breaker of a registry, existing or future.
     * @param breakers the registry
     */
    public void observeCallsOf(CircuitBreakerRegistry breakers) {
        breakers.addListener(new CircuitBreakerListener() {
            @Override
            public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos,
                    @Nullable Throwable error) {
                observed(breaker, outcome, durationNanos, error);
            }
        });
    }

    private void observed(CircuitBreaker breaker, CallOutcome outcome, long durationNanos, @Nullable Throwable error) {
        Observation current = this.registry.getCurrentObservation();
        if (current != null && current.getContext() instanceof BreakerCallContext context && context.isFor(breaker)
                && context.record(outcome, durationNanos, error)) {
            markRejection(current, context);
            return;
        }
        BreakerCallContext context = new BreakerCallContext(breaker);
        context.record(outcome, durationNanos, error);
        Observation observation = create(context).start();
        markRejection(observation, context);
        observation.stop();
    }

    private Observation create(BreakerCallContext context) {
        return Observation.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> context, this.registry);
    }

    private static void markRejection(Observation observation, BreakerCallContext context) {
        if (context.getRejection() != null) {
            observation.event(RejectionEvent.of(context.getRejection()));
        }
    }
}
