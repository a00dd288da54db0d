package dev.breaker.spring.autoconfigure;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.RetryAfterExtractor;
import dev.breaker.core.store.StateStore;
import dev.breaker.spring.event.ReconfigurationEventPublisher;
import dev.breaker.spring.event.ReconfigurationLogger;
import dev.breaker.spring.event.TransitionEventPublisher;
import dev.breaker.spring.event.TransitionLogger;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link CircuitBreakerRegistry}
 * from {@link BreakerProperties}, with state transitions and reconfigurations published as
 * application events and logged.
 *
 * <p>The registry uses the application's {@link StateStore}, {@link BreakerClock},
 * {@link CircuitBreakerListener} and {@link RetryAfterExtractor} beans when there are any, and
 * {@link CircuitBreakerRegistryCustomizer} beans adjust it before it is built. Every breaker
 * under {@code breaker.instances} is created with the registry. Before any bean is created, what
 * is written under {@code breaker} is checked: an unknown name, a duration without a unit or a
 * bad value stops the application with a report naming the property. An application that defines its own
 * registry attaches listeners to it itself.
 *
 * <p>{@link CircuitBreakerListener} beans are collected when the registry is built, so they must
 * not depend on the registry themselves; code that needs the registry adds its listener with
 * {@link CircuitBreakerRegistry#addListener} or {@link CircuitBreakerRegistry#forEachBreaker}.
 */
@AutoConfiguration
@EnableConfigurationProperties(BreakerProperties.class)
public final class BreakerAutoConfiguration {

    @Bean
    static WrittenPropertiesCheck breakerWrittenPropertiesCheck(Environment environment) {
        return new WrittenPropertiesCheck(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry(BreakerProperties properties, ResourceLoader resourceLoader,
            ObjectProvider<StateStore> stateStore, ObjectProvider<BreakerClock> clock,
            ObjectProvider<CircuitBreakerListener> listeners, ObjectProvider<RetryAfterExtractor> retryAfterExtractors,
            ObjectProvider<CircuitBreakerRegistryCustomizer> customizers) {
        BreakerConfiguration configuration = BreakerConfiguration.of(properties, resourceLoader.getClassLoader());
        CircuitBreakerConfig defaults = configuration.defaults();
        Map<String, CircuitBreakerConfig> instances = configuration.instances();
        CircuitBreakerRegistry.Builder builder = CircuitBreakerRegistry.builder().defaults(defaults);
        instances.forEach(builder::config);
        customizers.orderedStream()
            .forEach((customizer) -> customizer.customize(builder, (name) -> instances.getOrDefault(name, defaults)));
        StateStore store = stateStore.getIfAvailable();
        if (store != null) {
            builder.stateStore(store);
        }
        else if (properties.getStateStore().getType() == BreakerProperties.StateStore.Type.REDIS) {
            throw RedisStateStoreRequirements.noStateStore(resourceLoader.getClassLoader());
        }
        clock.ifAvailable(builder::clock);
        listeners.orderedStream().forEach(builder::listener);
        retryAfterExtractors.orderedStream().forEach(builder::retryAfterExtractor);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    TransitionEventPublisher breakerTransitionEventPublisher(ApplicationEventPublisher publisher) {
        return new TransitionEventPublisher(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    TransitionLogger breakerTransitionLogger() {
        return new TransitionLogger();
    }

    @Bean
    @ConditionalOnMissingBean
    ReconfigurationEventPublisher breakerReconfigurationEventPublisher(ApplicationEventPublisher publisher) {
        return new ReconfigurationEventPublisher(publisher);
    }

    @Bean
    @ConditionalOnMissingBean
    ReconfigurationLogger breakerReconfigurationLogger() {
        return new ReconfigurationLogger();
    }
}
