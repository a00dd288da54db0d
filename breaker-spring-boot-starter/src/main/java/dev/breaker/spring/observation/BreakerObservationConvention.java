package dev.breaker.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of calls through circuit breakers. Define a bean of this
 * type to replace {@link DefaultBreakerObservationConvention}.
 */
public interface BreakerObservationConvention extends ObservationConvention<BreakerCallContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof BreakerCallContext;
    }
}
