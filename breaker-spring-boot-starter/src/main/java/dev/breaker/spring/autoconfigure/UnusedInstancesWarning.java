package dev.breaker.spring.autoconfigure;

import dev.breaker.spring.BreakerNamesInUse;
import dev.breaker.spring.CircuitProtected;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Warns at startup about each breaker configured under {@code breaker.instances} that no
 * {@link CircuitProtected} method names, with the closest name that one does: a mistyped
 * instance otherwise configures a breaker nothing uses while the one meant keeps the defaults.
 * Names that {@link BreakerNamesInUse} beans declare (the Spring Cloud module's HTTP service
 * client groups, say) count as used. It only warns, as code may use the breaker through the
 * registry; an application with no {@code @CircuitProtected} method and no such name at all uses
 * its breakers that way and gets no warning.
 */
final class UnusedInstancesWarning implements SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(UnusedInstancesWarning.class);

    private final ListableBeanFactory beanFactory;

    private final Collection<String> instances;

    UnusedInstancesWarning(ListableBeanFactory beanFactory, Collection<String> instances) {
        this.beanFactory = beanFactory;
        this.instances = instances;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> used = namesUsed();
        if (used.isEmpty()) {
            return;
        }
        for (String instance : this.instances) {
            if (!used.contains(instance) && logger.isWarnEnabled()) {
                logger.warn("Circuit breaker '" + instance + "' is configured under breaker.instances but no "
                        + "@CircuitProtected method names it; the closest name in use is '" + ClosestName.to(instance, used)
                        + "'. Ignore this if code uses it through the CircuitBreakerRegistry.");
            }
        }
    }

    private Set<String> namesUsed() {
        Set<String> names = new TreeSet<>();
        this.beanFactory.getBeanProvider(BreakerNamesInUse.class).orderedStream()
            .forEach((inUse) -> names.addAll(inUse.names()));
        for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
            Class<?> type = this.beanFactory.getType(beanName, false);
            if (type != null && AnnotationUtils.isCandidateClass(type, CircuitProtected.class)) {
                Class<?> userClass = ClassUtils.getUserClass(type);
                add(AnnotationUtils.findAnnotation(userClass, CircuitProtected.class), names);
                ReflectionUtils.doWithMethods(userClass,
                        (method) -> add(AnnotationUtils.findAnnotation(method, CircuitProtected.class), names));
            }
        }
        return names;
    }

    private static void add(@Nullable CircuitProtected annotation, Set<String> names) {
        if (annotation != null) {
            names.add(annotation.name());
        }
    }
}
