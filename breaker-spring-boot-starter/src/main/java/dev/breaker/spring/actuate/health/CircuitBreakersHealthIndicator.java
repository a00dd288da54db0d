package dev.breaker.spring.actuate.health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.breaker.core.BreakerMode;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for the named breakers of a {@link CircuitBreakerRegistry}, with each
 * breaker's state in the details.
 *
 * <p>It reports DOWN only when a breaker configured with {@code health-critical: true} is OPEN.
 * A FORCED_OPEN breaker does not: an operator opened it on purpose, and taking the instance out
 * of a readiness group on top of that is a separate decision. A breaker in shadow mode does not
 * either: it rejects nothing, so its callers are served. Keyed children never do: one tenant's or
 * host's failures say nothing about this instance.
 *
 * <p>A state store shared across instances adds {@code "stateStore": {"type": "redis",
 * "status": "available"}}, or {@code "degraded"} while Redis is unreachable; a degraded store
 * does not make the health DOWN, since calls keep working on local state.
 *
 * <p>To take an instance out of the load balancer while such a breaker is open, add the
 * contributor to the readiness group:
 *
 * <pre>{@code
 * management.endpoint.health.group.readiness.include=readinessState,circuitBreakers
 * }</pre>
 */
public class CircuitBreakersHealthIndicator implements HealthIndicator {

    private final CircuitBreakerRegistry registry;

    /**
     * Create an indicator for the breakers of a registry.
     * @param registry the registry
     */
    public CircuitBreakersHealthIndicator(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Health.Builder builder = Health.up();
        Map<String, Object> stateStore = StateStoreDetails.of(this.registry.stateStore());
        if (stateStore != null) {
            builder.withDetail("stateStore", stateStore);
        }
        this.registry.all()
            .stream()
            .sorted(Comparator.comparing(CircuitBreaker::name))
            .forEach((breaker) -> {
                CircuitBreakerStats stats = breaker.stats();
                boolean critical = breaker.config().healthCritical();
                builder.withDetail(breaker.name(), details(breaker, stats, critical));
                if (critical && stats.state() == CircuitState.OPEN && breaker.config().mode() == BreakerMode.ENFORCE) {
                    builder.down();
                }
            });
        return builder.build();
    }

    private static Map<String, Object> details(CircuitBreaker breaker, CircuitBreakerStats stats, boolean critical) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", stats.state().name());
        details.put("mode", breaker.config().mode().name().toLowerCase(Locale.ROOT));
        details.put("healthScore", stats.healthScore());
        details.put("failureRate", stats.failureRate());
        if (stats.nextRetryAt() != null) {
            details.put("nextRetryAt", stats.nextRetryAt().toString());
            details.put("retryAfterSeconds", stats.retryAfterSeconds());
        }
        details.put("healthCritical", critical);
        int keys = breaker.childCount();
        if (keys > 0) {
            details.put("keys", keys);
            details.put("openKeys", breaker.children().stream().filter((child) -> child.state().rejectsCalls()).count());
        }
        return details;
    }

}
