package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Cloud's {@link ReactiveCircuitBreakerFactory} over a {@link CircuitBreakerRegistry}:
 * the same breakers, names, configuration and rules as {@link BreakerCircuitBreakerFactory},
 * for {@code Mono} and {@code Flux}. Each subscription is one call through the breaker,
 * recorded when the publisher terminates; a rejection reaches the fallback as a
 * {@link dev.breaker.core.CircuitOpenException}.
 */
public class ReactiveBreakerCircuitBreakerFactory
        extends ReactiveCircuitBreakerFactory<CircuitBreakerConfig, BreakerConfigBuilder> {

    private final Supplier<CircuitBreakerRegistry> registry;

    private final FactoryConfigurations configurations = new FactoryConfigurations();

    /**
     * Creates a factory over a registry.
     * @param registry the registry
     */
    public ReactiveBreakerCircuitBreakerFactory(CircuitBreakerRegistry registry) {
        this(() -> registry);
    }

    /**
     * Creates a factory that looks up its registry on first use, so that it can be
     * configured before the registry is built.
     * @param registry supplies the registry
     */
    public ReactiveBreakerCircuitBreakerFactory(Supplier<CircuitBreakerRegistry> registry) {
        this.registry = SingletonSupplier.of(registry);
    }

    /**
     * The registry's breaker of this name.
     * @param id the breaker's name
     * @return the breaker
     */
    @Override
    public ReactiveCircuitBreaker create(String id) {
        this.configurations.requireApplied();
        return new RegistryReactiveCircuitBreaker(this.configurations.customized(this.registry.get().breaker(id)));
    }

    /**
     * The registry's breaker named {@code id}; the group selects nothing here, as
     * {@link BreakerCircuitBreakerFactory#create(String, String)} says.
     * @param id the breaker's name
     * @param groupName the caller's group, not used
     * @return the breaker
     */
    @Override
    public ReactiveCircuitBreaker create(String id, String groupName) {
        return create(id);
    }

    @Override
    public void configure(Consumer<BreakerConfigBuilder> consumer, String... ids) {
        this.configurations.configure(consumer, ids);
    }

    @Override
    public void configureDefault(Function<String, CircuitBreakerConfig> defaultConfiguration) {
        this.configurations.configureDefault(defaultConfiguration);
    }

    /**
     * Adds a customizer of the breakers of these ids, such as one that adds a listener; each
     * breaker is customized once, when the factory first hands it out.
     * @param customizer customizes a breaker
     * @param ids the breakers' names
     */
    public void addCircuitBreakerCustomizer(Customizer<CircuitBreaker> customizer, String... ids) {
        this.configurations.addBreakerCustomizer(customizer, ids);
    }

    @Override
    protected BreakerConfigBuilder configBuilder(String id) {
        return new BreakerConfigBuilder(this.registry.get().configFor(id));
    }

    void applyTo(CircuitBreakerRegistry.Builder builder, Function<String, CircuitBreakerConfig> configured) {
        this.configurations.applyTo(builder, configured);
    }
}
