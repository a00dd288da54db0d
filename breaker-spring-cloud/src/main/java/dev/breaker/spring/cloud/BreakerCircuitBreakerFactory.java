package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.observation.BreakerObservations;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Cloud's {@link CircuitBreakerFactory} over a {@link CircuitBreakerRegistry}: the
 * breaker {@link #create(String) created} for an id is the registry's breaker of that name,
 * configured from {@code breaker.instances.<id>} (else {@code breaker.defaults}), the same
 * one {@code @CircuitProtected(name = "<id>")} uses and the endpoint, meters and health show.
 *
 * <p>{@link #configure(Consumer, String...)} and {@link #configureDefault(Function)}, called
 * from {@code Customizer<BreakerCircuitBreakerFactory>} beans as with other Spring Cloud
 * implementations, take effect when the registry is built: {@code configure} starts from the
 * YAML configuration of each id and wins over it; {@code configureDefault} gives the
 * configuration of breakers that YAML does not list, asked once with the id
 * {@code "default"}, since the registry has one default configuration. Calling either once
 * the registry is built is an error.
 */
public class BreakerCircuitBreakerFactory extends CircuitBreakerFactory<CircuitBreakerConfig, BreakerConfigBuilder> {

    private final Supplier<CircuitBreakerRegistry> registry;

    private final Supplier<@Nullable BreakerObservations> observations;

    private final FactoryConfigurations configurations = new FactoryConfigurations();

    /**
     * Creates a factory over a registry, observing nothing.
     * @param registry the registry
     */
    public BreakerCircuitBreakerFactory(CircuitBreakerRegistry registry) {
        this(() -> registry, () -> null);
    }

    /**
     * Creates a factory that looks up its registry on first use, so that it can be
     * configured before the registry is built.
     * @param registry supplies the registry
     * @param observations supplies what observes each call, or {@code null} for nothing
     */
    public BreakerCircuitBreakerFactory(Supplier<CircuitBreakerRegistry> registry,
            Supplier<@Nullable BreakerObservations> observations) {
        this.registry = SingletonSupplier.of(registry);
        this.observations = SingletonSupplier.ofNullable(observations);
    }

    /**
     * The registry's breaker of this name.
     * @param id the breaker's name
     * @return the breaker
     */
    @Override
    public CircuitBreaker create(String id) {
        this.configurations.requireApplied();
        return new RegistryCircuitBreaker(this.configurations.customized(this.registry.get().breaker(id)),
                this.observations.get());
    }

    /**
     * The registry's breaker named {@code id}, as {@link #create(String)} gives it. A group
     * (OpenFeign's client name, for one) selects neither another breaker nor another
     * configuration here: configure each breaker under {@code breaker.instances.<id>}. HTTP
     * service client groups ask for {@code create(groupName)}, one breaker per group.
     * @param id the breaker's name
     * @param groupName the caller's group, not used
     * @return the breaker
     */
    @Override
    public CircuitBreaker create(String id, String groupName) {
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
    public void addCircuitBreakerCustomizer(Customizer<dev.breaker.core.CircuitBreaker> customizer, String... ids) {
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
