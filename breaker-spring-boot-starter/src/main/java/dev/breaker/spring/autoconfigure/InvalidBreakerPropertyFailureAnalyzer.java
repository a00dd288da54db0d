package dev.breaker.spring.autoconfigure;

import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException.Counterpart;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports an {@link InvalidBreakerPropertyException}: the property, its value as written and
 * where it was written, and what the property allows; for a value that conflicts with another
 * property's, that property too, with where it was written or that its default applies.
 */
class InvalidBreakerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBreakerPropertyException> {

    private final @Nullable Environment environment;

    InvalidBreakerPropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidBreakerPropertyException cause) {
        String source = (cause.getSourceProperty() != null) ? cause.getSourceProperty() : cause.getProperty();
        ConfigurationProperty written = WrittenProperties.find(this.environment, source);
        StringBuilder description = new StringBuilder("Invalid circuit breaker configuration:\n\n");
        description.append("    Property: ").append(cause.getProperty()).append('\n');
        if (cause.getSourceProperty() != null) {
            description.append("    Inherited from: ").append(cause.getSourceProperty()).append('\n');
        }
        description.append("    Value: \"").append(valueOf(cause.getValue(), written)).append("\"\n");
        description.append(WrittenProperties.originLine(written));
        description.append("    Reason: ").append(cause.getAllowed());
        if (cause.getCounterpart() != null) {
            description.append('\n').append(describe(cause.getCounterpart()));
        }
        String action = "Update your application's configuration: " + cause.getProperty() + " " + cause.getAllowed() + ".";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private String describe(Counterpart counterpart) {
        String value = InvalidBreakerPropertyException.format(counterpart.value());
        if (counterpart.isDefault()) {
            return "    Compared with: " + counterpart.property() + ", not set, so its default " + value + " applies";
        }
        ConfigurationProperty written = WrittenProperties.find(this.environment, counterpart.property());
        String origin = WrittenProperties.originLine(written);
        return "    Compared with: " + counterpart.property() + " = \"" + valueOf(counterpart.value(), written) + "\""
                + (origin.isEmpty() ? "" : "\n    " + origin.strip());
    }

    private String valueOf(@Nullable Object value, @Nullable ConfigurationProperty written) {
        if (written != null && written.getValue() != null && value != null && !(value instanceof CharSequence)) {
            return String.valueOf(written.getValue());
        }
        return InvalidBreakerPropertyException.format(value);
    }
}
