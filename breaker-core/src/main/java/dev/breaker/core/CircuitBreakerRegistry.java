package dev.breaker.core;

import dev.breaker.core.store.LocalStateStore;
import dev.breaker.core.store.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Named circuit breakers, created on first use from the defaults or from the configuration
 * given for their name, with their keyed children. Lookups by name take no lock.
 *
 * <pre>{@code
 * CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
 *     .defaults(CircuitBreakerConfig.defaults())
 *     .config("payment", CircuitBreakerConfig.builder().failureRateThreshold(0.6).minimumCalls(3).build())
 *     .build();
 * String quote = registry.breaker("payment").get(() -> client.quote());
 * }</pre>
 */
public final class CircuitBreakerRegistry implements AutoCloseable {

    private volatile CircuitBreakerConfig defaults;
    /** The breakers configured by name; the others have the defaults. */
    private final Map<String, CircuitBreakerConfig> configs;
    private final Wiring wiring;
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    /** One context per configuration instance, so that breakers of the same configuration share it. */
    private final Map<CircuitBreakerConfig, BreakerContext> contexts =
            Collections.synchronizedMap(new IdentityHashMap<>());
    private final CopyOnWriteArrayList<Consumer<CircuitBreaker>> creationCallbacks = new CopyOnWriteArrayList<>();
    /** Held while a reconfiguration is applied, so that two of them for one breaker cannot end in the wrong order. */
    private final ReentrantLock reconfiguring = new ReentrantLock();

    private CircuitBreakerRegistry(Builder builder) {
        this.defaults = builder.defaults;
        this.configs = new ConcurrentHashMap<>(builder.configs);
        this.wiring = builder.wiring(true, CallTimeouts.owned());
        wiring.shared().subscribe(breakers::get);
        for (String name : builder.configs.keySet()) {
            breaker(name);
        }
    }

    /** @return a builder with the default configuration, the system clock and no shared state */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a registry with the default configuration for every name */
    public static CircuitBreakerRegistry ofDefaults() {
        return builder().build();
    }

    /**
     * The breaker of a name, created with its configuration (or the defaults) if it does not
     * exist yet.
     * @param name the breaker's name
     * @return the breaker
     */
    public CircuitBreaker breaker(String name) {
        CircuitBreaker breaker = breakers.get(name);
        if (breaker != null) {
            return breaker;
        }
        boolean[] created = new boolean[1];
        breaker = breakers.computeIfAbsent(name, n -> {
            created[0] = true;
            return create(n);
        });
        if (created[0]) {
            for (Consumer<CircuitBreaker> callback : creationCallbacks) {
                callback.accept(breaker);
            }
        }
        return breaker;
    }

    /**
     * Calls back for every named breaker: at once for those that exist, and as each new one is
     * created (after creation, outside any lock). Metrics binders use it to register meters.
     * @param callback receives each named breaker once
     */
    public void forEachBreaker(Consumer<CircuitBreaker> callback) {
        Consumer<CircuitBreaker> once = new Once(Objects.requireNonNull(callback, "callback"));
        creationCallbacks.add(once);
        for (CircuitBreaker breaker : List.copyOf(breakers.values())) {
            once.accept(breaker);
        }
    }

    /**
     * Passes each breaker on once: one created while the callback is being registered is seen
     * both among the existing breakers and by its creator.
     */
    private static final class Once implements Consumer<CircuitBreaker> {

        private final Consumer<CircuitBreaker> callback;
        private final Set<CircuitBreaker> seen = ConcurrentHashMap.newKeySet();

        Once(Consumer<CircuitBreaker> callback) {
            this.callback = callback;
        }

        @Override
        public void accept(CircuitBreaker breaker) {
            if (seen.add(breaker)) {
                callback.accept(breaker);
            }
        }
    }

    /**
     * The keyed child of a named breaker, both created on demand.
     * @param name the breaker's name
     * @param key the key, such as a user id
     * @return the child: never the named breaker itself (see {@link CircuitBreaker#child(String)})
     */
    public CircuitBreaker breaker(String name, String key) {
        return breaker(name).child(key);
    }

    /**
     * A breaker that exists, without creating one.
     * @param name the breaker's name
     * @return the breaker, or empty
     */
    public Optional<CircuitBreaker> find(String name) {
        return Optional.ofNullable(breakers.get(name));
    }

    /**
     * A keyed child that exists, without creating it.
     * @param name the breaker's name
     * @param key the key
     * @return the child, or empty
     */
    public Optional<CircuitBreaker> find(String name, String key) {
        return find(name).flatMap(breaker -> breaker.findChild(key));
    }

    /** @return the named breakers (not their keyed children), in no particular order */
    public Collection<CircuitBreaker> all() {
        return Collections.unmodifiableCollection(breakers.values());
    }

    /** @return the names of the existing breakers */
    public Set<String> names() {
        return Collections.unmodifiableSet(breakers.keySet());
    }

    /**
     * The named breakers in a state, read time-aware.
     * @param state the state
     * @return the breakers in it
     */
    public List<CircuitBreaker> withState(CircuitState state) {
        return breakers.values().stream().filter(breaker -> breaker.state() == state).toList();
    }

    /**
     * The configuration a breaker of this name has or would get.
     * @param name the breaker's name
     * @return its configuration
     */
    public CircuitBreakerConfig configFor(String name) {
        return configs.getOrDefault(name, defaults);
    }

    /** @return the configuration of breakers that have none of their own */
    public CircuitBreakerConfig defaults() {
        return defaults;
    }

    /** @return the clock breakers read time from */
    public BreakerClock clock() {
        return wiring.clock();
    }

    /** @return the store where state is shared */
    public StateStore stateStore() {
        return wiring.store();
    }

    /**
     * Adds a listener for every breaker of this registry and their keyed children, existing or
     * future.
     * @param listener the listener
     */
    public void addListener(CircuitBreakerListener listener) {
        wiring.listeners().add(listener);
    }

    /**
     * Gives a named breaker, and with it its keyed children, a new configuration at once, without
     * losing state: see {@link #reconfigure(String, CircuitBreakerConfig)} for what stays. A
     * breaker that does not exist yet is created with it when first asked for.
     * @param name the breaker's name
     * @param config its new configuration, already validated by its builder
     */
    public void reconfigure(String name, CircuitBreakerConfig config) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        reconfiguring.lock();
        try {
            configs.put(name, config);
            apply(name, config);
        }
        finally {
            reconfiguring.unlock();
        }
    }

    /**
     * Gives new defaults to every breaker that has no configuration of its own, existing or
     * future, with the same rules as {@link #reconfigure(String, CircuitBreakerConfig)}.
     * @param config the new defaults
     */
    public void reconfigureDefaults(CircuitBreakerConfig config) {
        Objects.requireNonNull(config, "config");
        reconfiguring.lock();
        try {
            this.defaults = config;
            for (String name : List.copyOf(breakers.keySet())) {
                if (!configs.containsKey(name)) {
                    apply(name, config);
                }
            }
        }
        finally {
            reconfiguring.unlock();
        }
    }

    /**
     * Drops a breaker's own configuration: it goes on, state and all, with the defaults.
     * @param name the breaker's name
     */
    public void useDefaults(String name) {
        reconfiguring.lock();
        try {
            configs.remove(Objects.requireNonNull(name, "name"));
            apply(name, defaults);
        }
        finally {
            reconfiguring.unlock();
        }
    }

    /**
     * Reconfigures an existing breaker. The configuration is stored first, so a breaker created
     * meanwhile is created with it; reconfigurations are made one at a time, outside the map's
     * locks, so that listeners may use the registry.
     */
    private void apply(String name, CircuitBreakerConfig config) {
        CircuitBreaker breaker = breakers.get(name);
        if (breaker != null && breaker.config() != config) {
            breaker.reconfigure(new BreakerContext(config, wiring));
        }
    }

    /** @return the names configured with a configuration of their own */
    public Set<String> configuredNames() {
        return Collections.unmodifiableSet(configs.keySet());
    }

    private CircuitBreaker create(String name) {
        BreakerContext context = contexts.computeIfAbsent(configFor(name), config -> new BreakerContext(config, wiring));
        return new CircuitBreaker(name, null, context, null);
    }

    /** Closes the state store, and shuts down the call-timeout executors the registry made. */
    @Override
    public void close() {
        wiring.close();
    }

    /** Builds a {@link CircuitBreakerRegistry}. */
    public static final class Builder extends WiringBuilder<Builder> {

        private CircuitBreakerConfig defaults = CircuitBreakerConfig.defaults();
        private final Map<String, CircuitBreakerConfig> configs = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param defaults the configuration of breakers that have none of their own @return this builder */
        public Builder defaults(CircuitBreakerConfig defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * Configures one breaker; it is created with the registry.
         * @param name the breaker's name
         * @param config its configuration
         * @return this builder
         */
        public Builder config(String name, CircuitBreakerConfig config) {
            configs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /** @return the registry, with the configured breakers created */
        public CircuitBreakerRegistry build() {
            return new CircuitBreakerRegistry(this);
        }
    }
}
