package dev.breaker.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for circuit breakers, under {@code breaker}.
 *
 * <p>Every breaker starts from {@link #getDefaults() defaults}; a breaker under
 * {@link #getInstances() instances} overrides only the settings it names and inherits the
 * others, nested groups included. A setting left unset everywhere takes the engine's default,
 * as documented in the configuration metadata.
 */
@ConfigurationProperties("breaker")
public class BreakerProperties {

    /**
     * Settings every breaker starts from.
     */
    @NestedConfigurationProperty
    private final BreakerSettings defaults = new BreakerSettings();

    /**
     * Breakers by name, each overriding the defaults it names. Breakers listed here exist
     * from startup.
     */
    private final Map<String, BreakerSettings> instances = new LinkedHashMap<>();

    /**
     * Where breaker state lives.
     */
    private final StateStore stateStore = new StateStore();

    /**
     * How web applications answer callers when a breaker rejects a call.
     */
    private final Web web = new Web();

    /**
     * The live dashboard page.
     */
    private final Dashboard dashboard = new Dashboard();

    public BreakerSettings getDefaults() {
        return this.defaults;
    }

    public Map<String, BreakerSettings> getInstances() {
        return this.instances;
    }

    public StateStore getStateStore() {
        return this.stateStore;
    }

    public Web getWeb() {
        return this.web;
    }

    public Dashboard getDashboard() {
        return this.dashboard;
    }

    /** Where breaker state lives. */
    public static class StateStore {

        /**
         * Type of the state store: 'memory' keeps state in this instance, 'redis' shares it
         * across instances through the application's Redis connection.
         */
        private Type type = Type.MEMORY;

        /**
         * Settings of the Redis state store.
         */
        private final Redis redis = new Redis();

        public Type getType() {
            return this.type;
        }

        public void setType(Type type) {
            this.type = type;
        }

        public Redis getRedis() {
            return this.redis;
        }

        /** The kinds of state store. */
        public enum Type {

            /** State lives in this instance. */
            MEMORY,

            /** State is shared across instances through Redis. */
            REDIS
        }

        /** Settings of the Redis state store. */
        public static class Redis {

            /**
             * Prefix of the Redis keys that hold breaker state.
             */
            private String keyPrefix = "breaker:";

            /**
             * Time after which unused state keys expire.
             */
            private Duration ttl = Duration.ofHours(24);

            /**
             * Longest wait for a Redis command that a call or a new breaker waits for; past it the
             * store counts as degraded and calls go on with local state.
             */
            private Duration timeout = Duration.ofMillis(500);

            /**
             * Number of instances that must trip a breaker within one open wait before it opens
             * for every instance. Below it, an instance's trip opens only that instance.
             */
            private int openQuorum = 1;

            /**
             * Interval at which each instance compares its breakers' shared states with Redis's,
             * repairing a lost message.
             */
            private Duration reconcileInterval = Duration.ofSeconds(5);

            public String getKeyPrefix() {
                return this.keyPrefix;
            }

            public void setKeyPrefix(String keyPrefix) {
                this.keyPrefix = keyPrefix;
            }

            public Duration getTtl() {
                return this.ttl;
            }

            public void setTtl(Duration ttl) {
                this.ttl = ttl;
            }

            public Duration getTimeout() {
                return this.timeout;
            }

            public void setTimeout(Duration timeout) {
                this.timeout = timeout;
            }

            public int getOpenQuorum() {
                return this.openQuorum;
            }

            public void setOpenQuorum(int openQuorum) {
                this.openQuorum = openQuorum;
            }

            public Duration getReconcileInterval() {
                return this.reconcileInterval;
            }

            public void setReconcileInterval(Duration reconcileInterval) {
                this.reconcileInterval = reconcileInterval;
            }
        }
    }

    /** How web applications answer callers when a breaker rejects a call. */
    public static class Web {

        /**
         * Whether an unhandled CircuitOpenException becomes a 503 response with a Retry-After
         * header and a problem-details body.
         */
        private boolean problemDetails = true;

        public boolean isProblemDetails() {
            return this.problemDetails;
        }

        public void setProblemDetails(boolean problemDetails) {
            this.problemDetails = problemDetails;
        }
    }

    /** The live dashboard page, which reads the circuitbreakers endpoint. */
    public static class Dashboard {

        /**
         * Whether a web application with the actuator serves the live dashboard page, which
         * reads the circuitbreakers endpoint.
         */
        private boolean enabled;

        /**
         * Path of the dashboard page, relative to the application's context path.
         */
        private String path = "/breakers";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return this.path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }
}
