package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.Retry;
import dev.breaker.spring.observation.BreakerObservations;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Spring Cloud's blocking circuit breaker as one breaker of the registry: each run is one
 * call through it (or, with {@code retry.max-attempts} above 1, one call per attempt), and
 * the fallback receives what it threw, a {@link dev.breaker.core.CircuitOpenException} with
 * its retry time when the breaker rejected it. An {@link Error} is not answered by the
 * fallback.
 */
final class RegistryCircuitBreaker implements org.springframework.cloud.client.circuitbreaker.CircuitBreaker {

    private final CircuitBreaker breaker;

    private final @Nullable BreakerObservations observations;

    RegistryCircuitBreaker(CircuitBreaker breaker, @Nullable BreakerObservations observations) {
        this.breaker = breaker;
        this.observations = observations;
    }

    @Override
    public <T> T run(Supplier<T> toRun, Function<@Nullable Throwable, T> fallback) {
        try {
            return (this.observations != null) ? this.observations.observe(this.breaker, () -> call(toRun))
                    : call(toRun);
        }
        catch (Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            return fallback.apply(ex);
        }
    }

    private <T> T call(Supplier<T> toRun) {
        return (this.breaker.config().retry().maxAttempts() > 1) ? Retry.of(this.breaker).get(toRun)
                : this.breaker.get(toRun);
    }
}
