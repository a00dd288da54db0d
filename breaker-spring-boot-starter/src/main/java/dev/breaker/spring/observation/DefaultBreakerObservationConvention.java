package dev.breaker.spring.observation;

import dev.breaker.core.CallOutcome;
import dev.breaker.core.CircuitOpenException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The observation {@code breaker.calls} with the low-cardinality keys {@code name} (the
 * breaker) and {@code outcome} ({@code success}, {@code failure}, {@code ignored},
 * {@code timeout}, {@code rejected}), the same name and tags as the {@code breaker.calls}
 * timer. A keyed child's key is never a key value. A rejected call also carries the
 * high-cardinality {@code breaker.state} and {@code breaker.retry-after} (seconds), which
 * reach spans and never meters.
 */
public class DefaultBreakerObservationConvention implements BreakerObservationConvention {

    /** The name of the observation and of the timer it gives. */
    public static final String NAME = "breaker.calls";

    private static final KeyValue OUTCOME_UNKNOWN = KeyValue.of("outcome", "unknown");

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(BreakerCallContext context) {
        return "breaker " + context.getBreakerName();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(BreakerCallContext context) {
        CallOutcome outcome = context.getOutcome();
        return KeyValues.of(KeyValue.of("name", context.getBreakerName()),
                (outcome != null) ? KeyValue.of("outcome", outcome.tagValue()) : OUTCOME_UNKNOWN);
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(BreakerCallContext context) {
        CircuitOpenException rejection = context.getRejection();
        if (rejection == null) {
            return KeyValues.empty();
        }
        return KeyValues.of(KeyValue.of("breaker.state", rejection.getState().name()),
                KeyValue.of("breaker.retry-after", Long.toString(RejectionEvent.retryAfterSeconds(rejection))));
    }
}
