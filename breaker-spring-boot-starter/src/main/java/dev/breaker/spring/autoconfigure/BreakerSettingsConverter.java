package dev.breaker.spring.autoconfigure;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.InvalidConfigException;
import dev.breaker.core.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ClassUtils;

/**
 * Turns {@link BreakerProperties} into validated {@link CircuitBreakerConfig}s: each instance
 * is its own settings laid over the defaults, setting by setting. A value the engine rejects
 * becomes an {@link InvalidBreakerPropertyException} naming the full property.
 */
final class BreakerSettingsConverter {

    static final String DEFAULTS_PREFIX = "breaker.defaults.";

    static final String INSTANCES_PREFIX = "breaker.instances.";

    private final BreakerProperties properties;

    private final @Nullable ClassLoader classLoader;

    BreakerSettingsConverter(BreakerProperties properties, @Nullable ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
    }

    /** @return the configuration of breakers that are not listed under {@code instances} */
    CircuitBreakerConfig defaults() {
        return new Conversion(null, DEFAULTS_PREFIX).convert();
    }

    /** @return the configuration of each breaker listed under {@code instances}, by name */
    Map<String, CircuitBreakerConfig> instances() {
        Map<String, CircuitBreakerConfig> configs = new LinkedHashMap<>();
        this.properties.getInstances()
            .forEach((name, settings) -> configs.put(name, new Conversion(settings, INSTANCES_PREFIX + name + ".").convert()));
        return configs;
    }

    /** One breaker's conversion: remembers where each value came from, to name it in errors. */
    private final class Conversion {

        private final @Nullable BreakerSettings instance;

        private final String prefix;

        private final Map<String, String> inheritedFrom = new HashMap<>();

        Conversion(@Nullable BreakerSettings instance, String prefix) {
            this.instance = instance;
            this.prefix = prefix;
        }

        CircuitBreakerConfig convert() {
            try {
                CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder();
                set("failure-rate-threshold", BreakerSettings::getFailureRateThreshold, builder::failureRateThreshold);
                set("minimum-calls", BreakerSettings::getMinimumCalls, builder::minimumCalls);
                set("consecutive-failures-threshold", BreakerSettings::getConsecutiveFailuresThreshold,
                        builder::consecutiveFailuresThreshold);
                Setting<Integer> countWindowSize = slidingWindow(builder);
                set("slow-call-duration", BreakerSettings::getSlowCallDuration, builder::slowCallDuration);
                set("slow-call-rate-threshold", BreakerSettings::getSlowCallRateThreshold, builder::slowCallRateThreshold);
                set("call-timeout", BreakerSettings::getCallTimeout, builder::callTimeout);
                set("wait-in-open", BreakerSettings::getWaitInOpen, builder::waitInOpen);
                set("backoff.multiplier", (s) -> s.getBackoff().getMultiplier(), builder::backoffMultiplier);
                set("backoff.max-wait", (s) -> s.getBackoff().getMaxWait(), builder::backoffMaxWait);
                set("backoff.jitter", (s) -> s.getBackoff().getJitter(), builder::backoffJitter);
                set("half-open.permitted-calls", (s) -> s.getHalfOpen().getPermittedCalls(), builder::halfOpenPermittedCalls);
                set("half-open.success-threshold", (s) -> s.getHalfOpen().getSuccessThreshold(),
                        builder::halfOpenSuccessThreshold);
                set("half-open.max-wait", (s) -> s.getHalfOpen().getMaxWait(), builder::halfOpenMaxWait);
                set("record-exceptions", BreakerSettings::getRecordExceptions,
                        (names) -> builder.recordExceptions(exceptionTypes("record-exceptions", names)));
                set("ignore-exceptions", BreakerSettings::getIgnoreExceptions,
                        (names) -> builder.ignoreExceptions(exceptionTypes("ignore-exceptions", names)));
                set("keys.max-keys", (s) -> s.getKeys().getMaxKeys(), builder::maxKeys);
                set("keys.idle-expiry", (s) -> s.getKeys().getIdleExpiry(), builder::keyIdleExpiry);
                set("health-critical", BreakerSettings::getHealthCritical, builder::healthCritical);
                set("mode", BreakerSettings::getMode, builder::mode);
                set("retry-after.honour", (s) -> s.getRetryAfter().getHonour(), builder::retryAfterHonoured);
                set("retry-after.open-immediately", (s) -> s.getRetryAfter().getOpenImmediately(),
                        builder::retryAfterOpensImmediately);
                checkPairs(countWindowSize);
                builder.retry(retry());
                return builder.build();
            }
            catch (InvalidConfigException ex) {
                throw new InvalidBreakerPropertyException(this.prefix + ex.getProperty(),
                        this.inheritedFrom.get(ex.getProperty()), ex.getValue(), ex.getAllowed());
            }
        }

        /**
         * Checks the settings that limit one another, naming the one the user wrote and saying
         * when the other is a default, before the engine rejects the pair from its own side.
         */
        private void checkPairs(@Nullable Setting<Integer> countWindowSize) {
            CircuitBreakerConfig engine = CircuitBreakerConfig.defaults();
            if (countWindowSize != null) {
                notAbove(setting("minimum-calls", BreakerSettings::getMinimumCalls, engine.minimumCalls()),
                        countWindowSize, "must not exceed", "must be at least",
                        " for a count window, or the breaker could never trip on a rate");
            }
            notAbove(setting("wait-in-open", BreakerSettings::getWaitInOpen, engine.waitInOpen()),
                    setting("backoff.max-wait", (s) -> s.getBackoff().getMaxWait(), engine.backoffMaxWait()),
                    "must not be longer than", "must not be shorter than", "");
            notAbove(setting("retry.initial-backoff", (s) -> s.getRetry().getInitialBackoff(),
                    engine.retry().initialBackoff()),
                    setting("retry.max-backoff", (s) -> s.getRetry().getMaxBackoff(), engine.retry().maxBackoff()),
                    "must not be longer than", "must not be shorter than", "");
        }

        /**
         * Requires {@code lower <= upper}, blaming the more specifically written of the two (the
         * upper one when both are written alike). A value that is wrong by itself (zero or
         * negative) is left to the engine, which says so.
         */
        private <T extends Comparable<T>> void notAbove(Setting<T> lower, Setting<T> upper, String lowerPhrase,
                String upperPhrase, String consequence) {
            if (!isPositive(lower.value()) || !isPositive(upper.value()) || lower.value().compareTo(upper.value()) <= 0) {
                return;
            }
            boolean blameLower = lower.layer().compareTo(upper.layer()) > 0;
            Setting<T> blamed = blameLower ? lower : upper;
            Setting<T> other = blameLower ? upper : lower;
            String allowed = (blameLower ? lowerPhrase : upperPhrase) + " " + other.property() + " ("
                    + InvalidBreakerPropertyException.format(other.value())
                    + ((other.layer() == Layer.ENGINE) ? ", the default" : "") + ")" + consequence;
            String otherSource = sourceOf(other);
            throw new InvalidBreakerPropertyException(this.prefix + blamed.property(), sourceOf(blamed),
                    blamed.value(), allowed, new InvalidBreakerPropertyException.Counterpart(
                            (otherSource != null) ? otherSource : this.prefix + other.property(),
                            other.value(), other.layer() == Layer.ENGINE));
        }

        private static boolean isPositive(Object value) {
            return (value instanceof Duration duration) ? duration.compareTo(Duration.ZERO) > 0
                    : ((Number) value).longValue() > 0;
        }

        private @Nullable String sourceOf(Setting<?> setting) {
            return (setting.layer() == Layer.DEFAULTS) ? DEFAULTS_PREFIX + setting.property() : null;
        }

        private <T> Setting<T> setting(String property, Function<BreakerSettings, @Nullable T> getter, T engineDefault) {
            T value = value(property, getter);
            return (value != null) ? new Setting<>(property, value, layerOf(property, getter))
                    : new Setting<>(property, engineDefault, Layer.ENGINE);
        }

        private Layer layerOf(String property, Function<BreakerSettings, @Nullable ?> getter) {
            if (this.instance != null && getter.apply(this.instance) != null) {
                return Layer.OWN;
            }
            if (getter.apply(defaultsSettings()) != null) {
                return (this.instance != null) ? Layer.DEFAULTS : Layer.OWN;
            }
            return Layer.ENGINE;
        }

        private RetryConfig retry() {
            RetryConfig.Builder builder = RetryConfig.builder();
            set("retry.max-attempts", (s) -> s.getRetry().getMaxAttempts(), builder::maxAttempts);
            set("retry.initial-backoff", (s) -> s.getRetry().getInitialBackoff(), builder::initialBackoff);
            set("retry.multiplier", (s) -> s.getRetry().getMultiplier(), builder::multiplier);
            set("retry.max-backoff", (s) -> s.getRetry().getMaxBackoff(), builder::maxBackoff);
            set("retry.jitter", (s) -> s.getRetry().getJitter(), builder::jitter);
            return builder.build();
        }

        /**
         * A window's size means calls or time depending on its type, so a size is inherited
         * from the defaults only when the instance keeps the defaults' type.
         * @return the size of a count window, or {@code null} for a time window
         */
        private @Nullable Setting<Integer> slidingWindow(CircuitBreakerConfig.Builder builder) {
            String ownType = (this.instance != null) ? this.instance.getSlidingWindow().getType() : null;
            String type = value("sliding-window.type", (s) -> s.getSlidingWindow().getType());
            boolean time = isTime(type);
            String size;
            if (this.instance != null && ownType != null && this.instance.getSlidingWindow().getSize() == null
                    && isTime(defaultsSettings().getSlidingWindow().getType()) != time) {
                size = null;
            }
            else {
                size = value("sliding-window.size", (s) -> s.getSlidingWindow().getSize());
            }
            if (time) {
                builder.timeWindow((size != null) ? duration(size) : CircuitBreakerConfig.defaults().slidingWindowDuration());
                return null;
            }
            if (size == null) {
                return new Setting<>("sliding-window.size", CircuitBreakerConfig.defaults().slidingWindowSize(), Layer.ENGINE);
            }
            int calls = calls(size);
            builder.countWindow(calls);
            return new Setting<>("sliding-window.size", calls, layerOf("sliding-window.size",
                    (s) -> s.getSlidingWindow().getSize()));
        }

        private boolean isTime(@Nullable String type) {
            if (type == null) {
                return false;
            }
            return switch (type.trim().toLowerCase(Locale.ROOT)) {
                case "count" -> false;
                case "time" -> true;
                default -> throw new InvalidConfigException("sliding-window.type", type, "must be 'count' or 'time'");
            };
        }

        private int calls(String size) {
            try {
                return Integer.parseInt(size.trim());
            }
            catch (NumberFormatException ex) {
                throw new InvalidConfigException("sliding-window.size", size,
                        "must be a number of calls for a count window, such as 100");
            }
        }

        private Duration duration(String size) {
            String trimmed = size.trim();
            if (WrittenPropertiesCheck.isPlainNumber(trimmed)) {
                throw new InvalidConfigException("sliding-window.size", trimmed,
                        "must be a duration with a unit for a time window: " + WrittenPropertiesCheck.unitsFor(trimmed));
            }
            try {
                return DurationStyle.detectAndParse(trimmed);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidConfigException("sliding-window.size", size,
                        "must be a duration for a time window, such as 60s or 5m");
            }
        }

        private List<Class<? extends Throwable>> exceptionTypes(String property, List<String> names) {
            List<Class<? extends Throwable>> types = new ArrayList<>();
            for (String name : names) {
                types.add(exceptionType(property, name.trim()));
            }
            return types;
        }

        private Class<? extends Throwable> exceptionType(String property, String name) {
            Class<?> type;
            try {
                type = ClassUtils.forName(name, BreakerSettingsConverter.this.classLoader);
            }
            catch (ClassNotFoundException | LinkageError ex) {
                throw new InvalidConfigException(property, name,
                        "must list fully qualified exception class names on the class path; '" + name + "' was not found");
            }
            if (!Throwable.class.isAssignableFrom(type)) {
                throw new InvalidConfigException(property, name,
                        "must list exception classes; '" + name + "' is not a Throwable");
            }
            return type.asSubclass(Throwable.class);
        }

        private <T> void set(String property, Function<BreakerSettings, @Nullable T> getter, Consumer<T> setter) {
            T value = value(property, getter);
            if (value != null) {
                setter.accept(value);
            }
        }

        private <T> @Nullable T value(String property, Function<BreakerSettings, @Nullable T> getter) {
            if (this.instance != null) {
                T own = getter.apply(this.instance);
                if (own != null) {
                    return own;
                }
            }
            T inherited = getter.apply(defaultsSettings());
            if (inherited != null && this.instance != null) {
                this.inheritedFrom.put(property, DEFAULTS_PREFIX + property);
            }
            return inherited;
        }

        private BreakerSettings defaultsSettings() {
            return BreakerSettingsConverter.this.properties.getDefaults();
        }
    }

    /** Where a breaker's setting comes from, from the least to the most specific. */
    private enum Layer {

        /** Set nowhere: the engine's default applies. */
        ENGINE,

        /** Inherited from {@code breaker.defaults}. */
        DEFAULTS,

        /** Set for this breaker itself. */
        OWN
    }

    /**
     * One of a breaker's settings as it applies.
     * @param property the setting, relative to the breaker, such as {@code minimum-calls}
     * @param value its value
     * @param layer where the value comes from
     */
    private record Setting<T>(String property, T value, Layer layer) {
    }
}
