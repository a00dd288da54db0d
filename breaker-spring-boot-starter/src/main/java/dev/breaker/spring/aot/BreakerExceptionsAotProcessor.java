package dev.breaker.spring.aot;

import dev.breaker.spring.autoconfigure.BreakerProperties;
import dev.breaker.spring.autoconfigure.BreakerSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Registers the exception classes that {@code record-exceptions} and {@code ignore-exceptions}
 * name, under {@code breaker.defaults} and every {@code breaker.instances} entry, for
 * reflection: the starter loads them by name when it builds the breakers. Reads the
 * configuration the application is built with.
 */
class BreakerExceptionsAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        Environment environment = beanFactory.getBean(Environment.class);
        BreakerProperties properties = Binder.get(environment)
            .bind("breaker", BreakerProperties.class)
            .orElseGet(BreakerProperties::new);
        Set<String> exceptions = exceptionsNamedIn(properties);
        if (exceptions.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> exceptions.forEach((name) -> generationContext.getRuntimeHints()
            .reflection()
            .registerType(TypeReference.of(name)));
    }

    static Set<String> exceptionsNamedIn(BreakerProperties properties) {
        List<BreakerSettings> settings = new ArrayList<>(properties.getInstances().values());
        settings.add(properties.getDefaults());
        Set<String> names = new LinkedHashSet<>();
        for (BreakerSettings setting : settings) {
            addAll(names, setting.getRecordExceptions());
            addAll(names, setting.getIgnoreExceptions());
        }
        return names;
    }

    private static void addAll(Set<String> names, @Nullable List<String> more) {
        if (more != null) {
            names.addAll(more);
        }
    }

}
