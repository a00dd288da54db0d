package dev.breaker.spring.refresh;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.autoconfigure.BreakerConfiguration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Applies a change of {@code breaker.*} properties to the running breakers when Spring Cloud
 * announces one with an {@link EnvironmentChangeEvent} (a refresh, a config-server push).
 *
 * <p>The whole new configuration is read and validated first, with the checks and messages of
 * startup; a change that fails them is refused as a whole, logged at ERROR, and the running
 * configuration stays. Otherwise only what changed is applied, each breaker keeping its state:
 * an instance whose configuration changed is reconfigured, a new one is created, the defaults
 * are replaced when they changed, and an instance no longer listed goes on with the defaults.
 *
 * <p>It runs before Spring Cloud rebinds the configuration properties beans, so that a value
 * that cannot be bound is reported here too.
 */
public final class BreakerConfigurationRefresher implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

    private static final Log logger = LogFactory.getLog(BreakerConfigurationRefresher.class);

    private final CircuitBreakerRegistry registry;

    private final Environment environment;

    private final @Nullable ClassLoader classLoader;

    private final ReentrantLock refreshing = new ReentrantLock();

    /** The configuration from {@code breaker.*} that the registry runs on. */
    private BreakerConfiguration applied;

    /**
     * Creates the refresher for a registry configured from the environment as it is now.
     * @param registry the registry whose breakers take the changes
     * @param environment the application's environment
     * @param classLoader where exception classes named in the configuration are loaded from
     */
    public BreakerConfigurationRefresher(CircuitBreakerRegistry registry, Environment environment,
            @Nullable ClassLoader classLoader) {
        this.registry = registry;
        this.environment = environment;
        this.classLoader = classLoader;
        this.applied = BreakerConfiguration.read(environment, classLoader);
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (touchesBreakers(event.getKeys())) {
            refresh();
        }
    }

    /**
     * Reads {@code breaker.*} from the environment and applies what changed, or refuses the
     * change as a whole when the new configuration is invalid.
     */
    public void refresh() {
        this.refreshing.lock();
        try {
            BreakerConfiguration next;
            try {
                next = BreakerConfiguration.read(this.environment, this.classLoader);
            }
            catch (RuntimeException ex) {
                logger.error("Circuit breaker configuration change refused; the running configuration stays. "
                        + BreakerConfiguration.describe(ex, this.environment));
                return;
            }
            apply(next);
            this.applied = next;
        }
        finally {
            this.refreshing.unlock();
        }
    }

    private void apply(BreakerConfiguration next) {
        next.instances().forEach((name, config) -> {
            CircuitBreakerConfig previous = this.applied.instances().get(name);
            if (!config.equals(previous)) {
                this.registry.reconfigure(name, config);
            }
            if (previous == null) {
                this.registry.breaker(name);
            }
        });
        if (!next.defaults().equals(this.applied.defaults())) {
            this.registry.reconfigureDefaults(next.defaults());
        }
        for (String name : this.applied.instances().keySet()) {
            if (!next.instances().containsKey(name)) {
                this.registry.useDefaults(name);
            }
        }
    }

    private static boolean touchesBreakers(Collection<String> keys) {
        return keys.stream().map((key) -> key.toLowerCase(Locale.ROOT)).anyMatch((key) -> key.equals("breaker")
                || key.startsWith("breaker.") || key.startsWith("breaker_") || key.startsWith("breaker["));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
