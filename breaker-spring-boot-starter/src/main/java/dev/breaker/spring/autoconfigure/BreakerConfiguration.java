package dev.breaker.spring.autoconfigure;

import dev.breaker.core.CircuitBreakerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * The circuit breaker configuration written under {@code breaker}, converted and validated as
 * a whole: the defaults, and each instance laid over them.
 *
 * @param defaults the configuration of breakers that are not listed under {@code instances}
 * @param instances the configuration of each breaker listed under {@code instances}, by name
 */
public record BreakerConfiguration(CircuitBreakerConfig defaults, Map<String, CircuitBreakerConfig> instances) {

    /** Copies the instances. */
    public BreakerConfiguration {
        instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    }

    /**
     * Reads the configuration from an environment with the checks that startup makes, so that
     * it fails on the same values with the same messages.
     * @param environment the environment, as it is now
     * @param classLoader where exception classes named in the configuration are loaded from
     * @return the configuration
     * @throws UnknownBreakerPropertyException for a name that no property has
     * @throws InvalidBreakerPropertyException for a value a circuit breaker cannot work with
     * @throws BindException for a value that does not convert to its property's type
     */
    public static BreakerConfiguration read(Environment environment, @Nullable ClassLoader classLoader) {
        new WrittenPropertiesCheck(environment).check();
        return of(Binder.get(environment).bindOrCreate("breaker", BreakerProperties.class), classLoader);
    }

    static BreakerConfiguration of(BreakerProperties properties, @Nullable ClassLoader classLoader) {
        BreakerSettingsConverter converter = new BreakerSettingsConverter(properties, classLoader);
        return new BreakerConfiguration(converter.defaults(), converter.instances());
    }

    /**
     * Describes why {@link #read} failed as the startup failure report does: the property, its
     * value, where it was written and what it allows.
     * @param failure what {@link #read} threw
     * @param environment the environment it read
     * @return the description
     */
    public static String describe(RuntimeException failure, Environment environment) {
        FailureAnalysis analysis = new InvalidBreakerPropertyFailureAnalyzer(environment).analyze(failure);
        if (analysis == null) {
            analysis = new UnknownBreakerPropertyFailureAnalyzer(environment).analyze(failure);
        }
        if (analysis != null) {
            return analysis.getDescription();
        }
        ConfigurationProperty bound = (failure instanceof BindException bind) ? bind.getProperty() : null;
        if (bound != null) {
            return describe(bound, failure);
        }
        return String.valueOf(failure.getMessage());
    }

    private static String describe(ConfigurationProperty property, RuntimeException failure) {
        Throwable reason = (failure.getCause() != null) ? failure.getCause() : failure;
        return "Invalid circuit breaker configuration:\n\n"
                + "    Property: " + property.getName() + "\n"
                + "    Value: \"" + property.getValue() + "\"\n"
                + WrittenProperties.originLine(property)
                + "    Reason: " + reason.getMessage();
    }
}
