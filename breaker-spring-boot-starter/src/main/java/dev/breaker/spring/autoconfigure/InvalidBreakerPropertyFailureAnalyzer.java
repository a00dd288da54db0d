package dev.breaker.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidBreakerPropertyException}: the property, its value as written and
 * where it was written, and what the property allows.
 */
class InvalidBreakerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBreakerPropertyException> {

    private final @Nullable Environment environment;

    InvalidBreakerPropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidBreakerPropertyException cause) {
        String source = (cause.getSourceProperty() != null) ? cause.getSourceProperty() : cause.getProperty();
        ConfigurationProperty written = find(source);
        StringBuilder description = new StringBuilder("Invalid circuit breaker configuration:\n\n");
        description.append("    Property: ").append(cause.getProperty()).append('\n');
        if (cause.getSourceProperty() != null) {
            description.append("    Inherited from: ").append(cause.getSourceProperty()).append('\n');
        }
        description.append("    Value: \"").append(valueOf(cause, written)).append("\"\n");
        if (written != null && written.getOrigin() != null) {
            description.append("    Origin: ").append(written.getOrigin()).append('\n');
        }
        description.append("    Reason: ").append(cause.getAllowed());
        String action = "Update your application's configuration: " + cause.getProperty() + " " + cause.getAllowed() + ".";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private String valueOf(InvalidBreakerPropertyException cause, @Nullable ConfigurationProperty written) {
        if (written != null && written.getValue() != null && cause.getValue() != null
                && !(cause.getValue() instanceof CharSequence)) {
            return String.valueOf(written.getValue());
        }
        return InvalidBreakerPropertyException.format(cause.getValue());
    }

    private @Nullable ConfigurationProperty find(String property) {
        if (this.environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
