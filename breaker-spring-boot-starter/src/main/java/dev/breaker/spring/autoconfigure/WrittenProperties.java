package dev.breaker.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Finds a property as the user wrote it, with its value and origin, for failure reports.
 */
final class WrittenProperties {

    private WrittenProperties() {
    }

    /**
     * @param environment the application's environment, or {@code null} when unknown
     * @param property the property's full name
     * @return the property from the first source that has it, or {@code null}
     */
    static @Nullable ConfigurationProperty find(@Nullable Environment environment, String property) {
        if (environment == null || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty found = source.getConfigurationProperty(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * @param property the property as written, or {@code null}
     * @return the report's line naming where it was written, or an empty string when unknown
     */
    static String originLine(@Nullable ConfigurationProperty property) {
        return (property != null && property.getOrigin() != null) ? "    Origin: " + property.getOrigin() + "\n" : "";
    }
}
