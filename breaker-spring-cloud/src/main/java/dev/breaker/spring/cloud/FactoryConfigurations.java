package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.circuitbreaker.Customizer;

/**
 * What a factory's {@code configure} and {@code configureDefault} asked for, kept until the
 * registry is built and then written into its builder: the registry's breakers have one
 * configuration each for their life, so configuring after that is an error rather than a
 * change that silently never applies. Also the customizers of breakers by id, each applied
 * once to its breaker.
 */
final class FactoryConfigurations {

    /** The id {@code configureDefault}'s function is asked for the registry's one default configuration. */
    static final String DEFAULT_ID = "default";

    private final Map<String, Consumer<BreakerConfigBuilder>> byId = new LinkedHashMap<>();

    private @Nullable Function<String, CircuitBreakerConfig> defaults;

    private final Map<String, Customizer<CircuitBreaker>> breakerCustomizers = new ConcurrentHashMap<>();

    private volatile boolean applied;

    private volatile boolean pending;

    synchronized void configure(Consumer<BreakerConfigBuilder> consumer, String... ids) {
        requireNotApplied();
        for (String id : ids) {
            this.byId.merge(id, consumer, Consumer::andThen);
        }
        this.pending = true;
    }

    synchronized void configureDefault(Function<String, CircuitBreakerConfig> defaultConfiguration) {
        requireNotApplied();
        this.defaults = defaultConfiguration;
        this.pending = true;
    }

    /**
     * Writes the configurations into the registry's builder.
     * @param builder the builder
     * @param configured the configuration YAML gives a breaker of a name
     */
    synchronized void applyTo(CircuitBreakerRegistry.Builder builder, Function<String, CircuitBreakerConfig> configured) {
        if (this.defaults != null) {
            builder.defaults(this.defaults.apply(DEFAULT_ID));
        }
        this.byId.forEach((id, consumer) -> {
            BreakerConfigBuilder config = new BreakerConfigBuilder(configured.apply(id));
            consumer.accept(config);
            builder.config(id, config.build());
        });
        this.applied = true;
    }

    void addBreakerCustomizer(Customizer<CircuitBreaker> customizer, String... ids) {
        for (String id : ids) {
            Customizer<CircuitBreaker> once = Customizer.once(customizer, CircuitBreaker::name);
            this.breakerCustomizers.merge(id, once, (first, second) -> (breaker) -> {
                first.customize(breaker);
                second.customize(breaker);
            });
        }
    }

    /**
     * Applies the customizers of a breaker's id, each once in the breaker's life.
     * @param breaker a breaker a factory hands out
     * @return the breaker
     */
    CircuitBreaker customized(CircuitBreaker breaker) {
        Customizer<CircuitBreaker> customizer = this.breakerCustomizers.get(breaker.name());
        if (customizer != null) {
            customizer.customize(breaker);
        }
        return breaker;
    }

    /** Fails when configurations were asked for and never reached a registry (an application-defined one). */
    void requireApplied() {
        if (this.pending && !this.applied) {
            throw new IllegalStateException("Circuit breakers were configured through the Spring Cloud factory, but the "
                    + "application defines its own CircuitBreakerRegistry, which the configurations cannot reach. "
                    + "Configure those breakers on that registry, or under breaker.instances.");
        }
    }

    private void requireNotApplied() {
        if (this.applied) {
            throw new IllegalStateException("The circuit breaker registry is already built, and its breakers keep the "
                    + "configuration they were built with. Configure breakers from a Customizer bean of the factory, "
                    + "or under breaker.instances.");
        }
    }
}
