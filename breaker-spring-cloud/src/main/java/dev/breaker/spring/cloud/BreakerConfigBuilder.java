package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreakerConfig;
import java.util.function.Consumer;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

/**
 * Builds the configuration of one breaker for
 * {@link BreakerCircuitBreakerFactory#configure(Consumer, String...)}, starting from what YAML
 * gives that breaker: its {@code breaker.instances} entry, else {@code breaker.defaults}.
 *
 * <pre>{@code
 * factory.configure((builder) -> builder.configure((config) -> config.minimumCalls(5).waitInOpen(Duration.ofSeconds(10))),
 *         "quotes");
 * }</pre>
 */
public final class BreakerConfigBuilder implements ConfigBuilder<CircuitBreakerConfig> {

    private CircuitBreakerConfig.Builder config;

    BreakerConfigBuilder(CircuitBreakerConfig base) {
        this.config = base.toBuilder();
    }

    /**
     * Changes settings of the configuration.
     * @param change changes the settings it sets and keeps the others
     * @return this builder
     */
    public BreakerConfigBuilder configure(Consumer<CircuitBreakerConfig.Builder> change) {
        change.accept(this.config);
        return this;
    }

    /**
     * Replaces the whole configuration, YAML included.
     * @param config the configuration
     * @return this builder
     */
    public BreakerConfigBuilder circuitBreakerConfig(CircuitBreakerConfig config) {
        this.config = config.toBuilder();
        return this;
    }

    /**
     * @return the configuration, validated
     * @throws dev.breaker.core.InvalidConfigException when it can never behave as written
     */
    @Override
    public CircuitBreakerConfig build() {
        return this.config.build();
    }
}
