package dev.breaker.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link UnknownBreakerPropertyException}: the name as written, its value and
 * origin, and the known property closest to it.
 */
class UnknownBreakerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownBreakerPropertyException> {

    private final @Nullable Environment environment;

    UnknownBreakerPropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownBreakerPropertyException cause) {
        ConfigurationProperty written = WrittenProperties.find(this.environment, cause.getProperty());
        String description = "Unknown circuit breaker property:\n\n"
                + "    Property: " + cause.getProperty() + "\n"
                + ((written != null) ? "    Value: \"" + written.getValue() + "\"\n" : "")
                + WrittenProperties.originLine(written)
                + "    Reason: no such property; the closest known property is " + cause.getClosest();
        String action = "Update your application's configuration: rename " + cause.getProperty() + " to "
                + cause.getClosest() + ", or remove it.";
        return new FailureAnalysis(description, action, cause);
    }
}
