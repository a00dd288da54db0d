package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigValidationTest {

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("failure-rate-threshold", "50.0", "fraction between 0", b -> b.failureRateThreshold(50)),
                invalid("failure-rate-threshold", "0.0", "fraction between 0", b -> b.failureRateThreshold(0)),
                invalid("failure-rate-threshold", "NaN", "fraction between 0", b -> b.failureRateThreshold(Double.NaN)),
                invalid("minimum-calls", "0", "at least 1", b -> b.minimumCalls(0)),
                invalid("consecutive-failures-threshold", "-1", "at least 0", b -> b.consecutiveFailuresThreshold(-1)),
                invalid("sliding-window.size", "0", "from 1 to 1000000", b -> b.countWindow(0)),
                invalid("sliding-window.size", "1000001", "from 1 to 1000000", b -> b.countWindow(1_000_001)),
                invalid("sliding-window.size", "PT0S", "from 1ms to 365d", b -> b.timeWindow(Duration.ZERO)),
                invalid("sliding-window.size", "null", "from 1ms to 365d", b -> b.timeWindow(null)),
                invalid("sliding-window.size", "PT0.0005S", "from 1ms to 365d",
                        b -> b.timeWindow(Duration.ofNanos(500_000))),
                invalid("sliding-window.size", "PT8784H", "from 1ms to 365d", b -> b.timeWindow(Duration.ofDays(366))),
                invalid("minimum-calls", "20", "count window's size (10)", b -> b.countWindow(10).minimumCalls(20)),
                invalid("slow-call-duration", "PT0S", "positive duration", b -> b.slowCallDuration(Duration.ZERO)),
                invalid("slow-call-rate-threshold", "1.5", "fraction between 0", b -> b.slowCallRateThreshold(1.5)),
                invalid("call-timeout", "PT-1S", "positive duration", b -> b.callTimeout(Duration.ofSeconds(-1))),
                invalid("wait-in-open", "PT0S", "from 1ms to 365d", b -> b.waitInOpen(Duration.ZERO)),
                invalid("wait-in-open", "null", "from 1ms to 365d", b -> b.waitInOpen(null)),
                invalid("wait-in-open", "PT0.0009S", "from 1ms to 365d", b -> b.waitInOpen(Duration.ofNanos(900_000))),
                invalid("wait-in-open", "PT2562047788015H12M55.807S", "from 1ms to 365d",
                        b -> b.waitInOpen(Duration.ofMillis(Long.MAX_VALUE))),
                invalid("wait-in-open", "PT2H", "backoff.max-wait (PT1H)", b -> b.waitInOpen(Duration.ofHours(2))),
                invalid("backoff.multiplier", "0.5", "at least 1", b -> b.backoffMultiplier(0.5)),
                invalid("backoff.multiplier", "Infinity", "at least 1",
                        b -> b.backoffMultiplier(Double.POSITIVE_INFINITY)),
                invalid("backoff.max-wait", "PT0S", "from 1ms to 365d", b -> b.backoffMaxWait(Duration.ZERO)),
                invalid("backoff.max-wait", "PT2628000000000H", "from 1ms to 365d",
                        b -> b.backoffMaxWait(Duration.ofDays(365L * 300_000_000))),
                invalid("backoff.jitter", "1.5", "fraction between 0 and 1", b -> b.backoffJitter(1.5)),
                invalid("backoff.jitter", "-0.1", "fraction between 0 and 1", b -> b.backoffJitter(-0.1)),
                invalid("half-open.permitted-calls", "0", "at least 1", b -> b.halfOpenPermittedCalls(0)),
                invalid("half-open.success-threshold", "0", "at least 1", b -> b.halfOpenSuccessThreshold(0)),
                invalid("half-open.max-wait", "PT0S", "from 1ms to 365d", b -> b.halfOpenMaxWait(Duration.ZERO)),
                invalid("half-open.max-wait", "PT0.0005S", "from 1ms to 365d",
                        b -> b.halfOpenMaxWait(Duration.ofNanos(500_000))),
                invalid("record-exceptions", "null", "exception classes", b -> b.recordExceptions(Arrays.asList(
                        (Class<? extends Throwable>) null))),
                invalid("ignore-exceptions", "null", "exception classes", b -> b.ignoreExceptions(Arrays.asList(
                        (Class<? extends Throwable>) null))),
                invalid("keys.max-keys", "0", "at least 1", b -> b.maxKeys(0)),
                invalid("keys.idle-expiry", "PT0S", "from 1ms to 365d", b -> b.keyIdleExpiry(Duration.ZERO)),
                invalid("keys.idle-expiry", "PT0.0001S", "from 1ms to 365d",
                        b -> b.keyIdleExpiry(Duration.ofNanos(100_000))),
                invalid("call-timeout", "PT8784H", "at most 365d", b -> b.callTimeout(Duration.ofDays(366))));
    }

    private static Arguments invalid(String property, String value, String allowed,
            UnaryOperator<CircuitBreakerConfig.Builder> setting) {
        return Arguments.of(property, value, allowed, setting);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidSettings")
    void anInvalidSettingIsRejectedWithItsNameValueAndWhatIsAllowed(String property, String value, String allowed,
            UnaryOperator<CircuitBreakerConfig.Builder> setting) {
        InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
                () -> setting.apply(CircuitBreakerConfig.builder()).build());
        assertThat(ex).as("rejected").isNotNull();
        assertThat(ex.getProperty()).isEqualTo(property);
        assertThat(String.valueOf(ex.getValue())).isEqualTo(value);
        assertThat(ex.getAllowed()).contains(allowed);
        assertThat(ex).hasMessage("Invalid value " + value + " for '" + property + "': " + ex.getAllowed());
    }

    static Stream<Arguments> invalidRetrySettings() {
        return Stream.of(
                Arguments.of("retry.max-attempts", "0", "at least 1",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.maxAttempts(0)),
                Arguments.of("retry.initial-backoff", "PT0S", "positive duration",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.initialBackoff(Duration.ZERO)),
                Arguments.of("retry.multiplier", "0.5", "at least 1",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.multiplier(0.5)),
                Arguments.of("retry.max-backoff", "PT0S", "positive duration",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.maxBackoff(Duration.ZERO)),
                Arguments.of("retry.max-backoff", "PT0.05S", "retry.initial-backoff (PT0.1S)",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.maxBackoff(Duration.ofMillis(50))),
                Arguments.of("retry.jitter", "2.0", "fraction between 0 and 1",
                        (UnaryOperator<RetryConfig.Builder>) b -> b.jitter(2)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidRetrySettings")
    void anInvalidRetrySettingIsRejectedWithItsNameValueAndWhatIsAllowed(String property, String value,
            String allowed, UnaryOperator<RetryConfig.Builder> setting) {
        InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
                () -> setting.apply(RetryConfig.builder()).build());
        assertThat(ex).as("rejected").isNotNull();
        assertThat(ex.getProperty()).isEqualTo(property);
        assertThat(String.valueOf(ex.getValue())).isEqualTo(value);
        assertThat(ex.getMessage()).startsWith("Invalid value " + value + " for '" + property + "': ")
            .contains(allowed);
    }

    @Test
    void aThresholdGivenAsAPercentageIsExplainedAsAFraction() {
        InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
                () -> CircuitBreakerConfig.builder().failureRateThreshold(50).build());
        assertThat(ex).hasMessage("Invalid value 50.0 for 'failure-rate-threshold': must be a fraction between 0"
                + " (exclusive) and 1 (inclusive), for example 0.5 for 50%");
    }

    @Test
    void aNullExceptionClassPassedDirectlyIsRejectedLikeAnyOtherInvalidValue() {
        InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
                () -> CircuitBreakerConfig.builder().ignoreExceptions(IllegalStateException.class, null).build());
        assertThat(ex).isNotNull();
        assertThat(ex.getProperty()).isEqualTo("ignore-exceptions");
        ex = catchThrowableOfType(InvalidConfigException.class,
                () -> CircuitBreakerConfig.builder().recordExceptions((Class<Exception>) null).build());
        assertThat(ex).isNotNull();
        assertThat(ex.getProperty()).isEqualTo("record-exceptions");
    }

    @Test
    void theEdgesOfEveryRangeAreAccepted() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().failureRateThreshold(1.0)
            .slowCallRateThreshold(1.0)
            .countWindow(10).minimumCalls(10).consecutiveFailuresThreshold(0).waitInOpen(Duration.ofMinutes(5))
            .backoffMaxWait(Duration.ofMinutes(5)).backoffMultiplier(1).backoffJitter(1.0).halfOpenPermittedCalls(2)
            .halfOpenSuccessThreshold(2).maxKeys(1).build();
        assertThat(config.minimumCalls()).isEqualTo(10);
        assertThat(CircuitBreakerConfig.builder().backoffJitter(0).build().backoffJitter()).isZero();
        assertThat(CircuitBreakerConfig.builder().countWindow(CircuitBreakerConfig.MAX_COUNT_WINDOW).build()
            .slidingWindowSize()).isEqualTo(1_000_000);
        assertThat(RetryConfig.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(1))
            .jitter(1).build().maxBackoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTimeWindowMayNeedMoreCallsThanACountWindowCouldHold() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().countWindow(5).timeWindow(Duration.ofSeconds(10))
            .minimumCalls(500).build();
        assertThat(config.slidingWindowType()).isEqualTo(SlidingWindowType.TIME);
        assertThat(config.minimumCalls()).isEqualTo(500);
    }

    @Test
    void theDefaultsAreThoseOfTheDesign() {
        assertThat(CircuitBreakerConfig.defaults().toMap()).containsExactly(
                entry("failure-rate-threshold", 0.5), entry("minimum-calls", 10),
                entry("consecutive-failures-threshold", 0), entry("sliding-window.type", "count"),
                entry("sliding-window.size", 100), entry("slow-call-duration", null),
                entry("slow-call-rate-threshold", 1.0), entry("call-timeout", null), entry("wait-in-open", "PT30S"),
                entry("backoff.multiplier", 1.5), entry("backoff.max-wait", "PT1H"), entry("backoff.jitter", 0.1),
                entry("half-open.permitted-calls", 3), entry("half-open.success-threshold", 2),
                entry("half-open.max-wait", "PT1M"), entry("record-exceptions", java.util.List.of()),
                entry("ignore-exceptions", java.util.List.of()), entry("retry.max-attempts", 1),
                entry("retry.initial-backoff", "PT0.1S"), entry("retry.multiplier", 2.0),
                entry("retry.max-backoff", "PT5S"), entry("retry.jitter", 0.2), entry("keys.max-keys", 10_000),
                entry("keys.idle-expiry", "PT10M"), entry("health-critical", false), entry("mode", "enforce"),
                entry("retry-after.honour", true), entry("retry-after.open-immediately", false));
    }

    @Test
    void aConfigurationDerivedFromAnotherKeepsWhatItDoesNotChange() {
        CircuitBreakerConfig base = CircuitBreakerConfig.builder().minimumCalls(3).healthCritical(true)
            .ignoreExceptions(IllegalArgumentException.class).build();
        CircuitBreakerConfig derived = base.toBuilder().failureRateThreshold(0.6).build();
        assertThat(derived.minimumCalls()).isEqualTo(3);
        assertThat(derived.healthCritical()).isTrue();
        assertThat(derived.ignoreExceptions()).containsExactly(IllegalArgumentException.class);
        assertThat(derived.failureRateThreshold()).isEqualTo(0.6);
        assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
        assertThat(derived).isNotEqualTo(base);
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
