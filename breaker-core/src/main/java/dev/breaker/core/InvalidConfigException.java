package dev.breaker.core;

import org.jspecify.annotations.Nullable;

/**
 * A circuit-breaker or retry setting that can never behave as written. The message names
 * the setting, the value and what is allowed; {@link #getProperty()} gives the setting's
 * name in kebab case (as in {@code failure-rate-threshold}) so that a framework can prefix
 * it with where the value came from.
 */
public class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final transient @Nullable Object value;
    private final String allowed;

    /**
     * Creates the exception.
     * @param property the setting, in kebab case
     * @param value the rejected value
     * @param allowed what the setting accepts, as a phrase
     */
    public InvalidConfigException(String property, @Nullable Object value, String allowed) {
        super("Invalid value " + value + " for '" + property + "': " + allowed);
        this.property = property;
        this.value = value;
        this.allowed = allowed;
    }

    /** @return the rejected setting, in kebab case, relative to one breaker's configuration */
    public String getProperty() {
        return property;
    }

    /** @return the rejected value */
    public @Nullable Object getValue() {
        return value;
    }

    /** @return what the setting accepts, as a phrase such as "must be a fraction between 0 and 1" */
    public String getAllowed() {
        return allowed;
    }
}
