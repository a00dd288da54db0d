package dev.breaker.spring.metrics;

import dev.breaker.core.CallOutcome;
import dev.breaker.spring.observation.BreakerCallContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records the {@code breaker.calls} timer from the observations of calls through circuit
 * breakers: the observation's name, its low-cardinality key values as tags, and the duration
 * the breaker measured. It replaces Micrometer's default handler for these observations only,
 * which would add an {@code error} tag and a long-task timer the meter never had.
 */
public class BreakerCallsMeterObservationHandler implements MeterObservationHandler<BreakerCallContext> {

    private final MeterRegistry registry;

    /**
     * Creates the handler.
     * @param registry where the timer lives
     */
    public BreakerCallsMeterObservationHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStop(BreakerCallContext context) {
        CallOutcome outcome = context.getOutcome();
        String name = context.getName();
        if (outcome == null || name == null) {
            return;
        }
        List<Tag> tags = new ArrayList<>();
        for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
            tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        Timer.builder(name)
            .tags(tags)
            .description(CircuitBreakerMeterBinder.CALLS_DESCRIPTION)
            .register(this.registry)
            .record(context.getDurationNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof BreakerCallContext;
    }
}
