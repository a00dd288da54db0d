package dev.breaker.spring.autoconfigure;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import java.util.function.Function;

/**
 * Callback that adjusts the auto-configured {@link CircuitBreakerRegistry} before it is
 * built, after {@code breaker.defaults} and {@code breaker.instances} have been applied to
 * its builder. Beans of this type are called in order.
 */
@FunctionalInterface
public interface CircuitBreakerRegistryCustomizer {

    /**
     * Adjusts the registry's builder.
     * @param builder the builder, with the YAML configuration applied
     * @param configured the configuration a breaker of a name gets from YAML: its
     * {@code breaker.instances} entry, else {@code breaker.defaults}
     */
    void customize(CircuitBreakerRegistry.Builder builder, Function<String, CircuitBreakerConfig> configured);
}
