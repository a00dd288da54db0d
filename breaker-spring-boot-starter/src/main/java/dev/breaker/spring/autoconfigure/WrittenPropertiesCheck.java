package dev.breaker.spring.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.core.env.Environment;

/**
 * Checks what is written under {@code breaker} before any bean is created, so that nothing is
 * silently ignored or guessed: a name that no property has stops the application naming the
 * closest known property, a duration without a unit stops it with the fix, and so does a value
 * that none of a property's choices matches.
 *
 * <p>Like Spring Boot's own check for unbound properties, it reads the application's property
 * files, YAML and command-line arguments, not the system environment or system properties,
 * which hold names of every kind.
 */
final class WrittenPropertiesCheck implements BeanFactoryPostProcessor {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?\\d+");

    private final Environment environment;

    WrittenPropertiesCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check();
    }

    /**
     * @throws UnknownBreakerPropertyException for a name that no property has
     * @throws InvalidBreakerPropertyException for a duration without a unit or a value none
     * of a property's choices matches
     */
    void check() {
        UnboundElementsSourceFilter applicationSources = new UnboundElementsSourceFilter();
        Set<ConfigurationPropertyName> seen = new HashSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable && applicationSources.apply(source)) {
                iterable.filter(BreakerPropertyTree.ROOT::isAncestorOf).stream().forEach((name) -> {
                    ConfigurationProperty property = source.getConfigurationProperty(name);
                    if (property != null && seen.add(name)) {
                        check(name, property.getValue());
                    }
                });
            }
        }
    }

    private void check(ConfigurationPropertyName name, @Nullable Object value) {
        Class<?> type = BreakerPropertyTree.typeOf(name);
        if (type == null) {
            if (!BreakerPropertyTree.isGroup(name) || !isEmpty(value)) {
                throw new UnknownBreakerPropertyException(name.toString(), BreakerPropertyTree.closestTo(name));
            }
        }
        else if (type == Duration.class && value != null && isPlainNumber(value.toString())) {
            throw new InvalidBreakerPropertyException(name.toString(), null, value.toString().trim(),
                    "must be a duration with a unit: " + unitsFor(value.toString()));
        }
        else if (type.isEnum() && value != null && !isChoice(type, value.toString())) {
            throw new InvalidBreakerPropertyException(name.toString(), null, value.toString(), choices(type));
        }
    }

    /**
     * @param value a value as written
     * @return whether it is a number without a unit, which a duration does not accept
     */
    static boolean isPlainNumber(String value) {
        return PLAIN_NUMBER.matcher(value.trim()).matches();
    }

    /**
     * @param number a number written without a unit
     * @return the fix, such as "write 10s or 10ms"
     */
    static String unitsFor(String number) {
        return "write " + number.trim() + "s or " + number.trim() + "ms";
    }

    private static boolean isEmpty(@Nullable Object value) {
        return value == null || value.toString().isEmpty();
    }

    private static boolean isChoice(Class<?> type, String value) {
        return Arrays.stream(type.getEnumConstants()).anyMatch((choice) -> letters(choice.toString()).equals(letters(value)));
    }

    /** Spring's conversion to an enum ignores case, dashes and underscores; so does this. */
    private static String letters(String value) {
        return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * @param type an enum that a property binds to
     * @return what the property allows, with the choices as users write them, such as
     * "must be 'memory' or 'redis'"
     */
    private static String choices(Class<?> type) {
        String[] choices = Arrays.stream(type.getEnumConstants())
            .map((choice) -> "'" + choice.toString().toLowerCase(Locale.ROOT).replace('_', '-') + "'")
            .toArray(String[]::new);
        int last = choices.length - 1;
        return "must be " + ((last == 0) ? choices[0]
                : Arrays.stream(choices, 0, last).collect(Collectors.joining(", ")) + " or " + choices[last]);
    }
}
