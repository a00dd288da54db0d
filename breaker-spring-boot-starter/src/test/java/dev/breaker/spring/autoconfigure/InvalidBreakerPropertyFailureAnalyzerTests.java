package dev.breaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Every value a breaker cannot work with, and every name under {@code breaker} that no property
 * has, stops the application; the analyzers registered in {@code META-INF/spring.factories} name
 * the full property, the value, where it was written and what is allowed or meant.
 */
class InvalidBreakerPropertyFailureAnalyzerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class));

    @Test
    void failureRateThresholdAsPercentageShouldSayItIsAFraction() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.failure-rate-threshold=50");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.failure-rate-threshold")
            .contains("Value: \"50\"")
            .contains("must be a fraction between 0 (exclusive) and 1 (inclusive)");
        assertThat(analysis.getAction()).contains("breaker.instances.payment.failure-rate-threshold");
    }

    @Test
    void badDefaultShouldNameTheDefaultsProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.failure-rate-threshold=0");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.failure-rate-threshold")
            .contains("Value: \"0\"")
            .contains("must be a fraction");
    }

    @Test
    void slowCallRateThresholdAboveOneShouldSayItIsAFraction() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.slow-call-rate-threshold=1.5");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.slow-call-rate-threshold")
            .contains("Value: \"1.5\"")
            .contains("must be a fraction");
    }

    @Test
    void backoffJitterAboveOneShouldSayItIsAFraction() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.backoff.jitter=2");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.backoff.jitter")
            .contains("Value: \"2\"")
            .contains("must be a fraction between 0 and 1");
    }

    @Test
    void unknownWindowTypeShouldListTheTypes() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.type=sliding");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.type")
            .contains("Value: \"sliding\"")
            .contains("must be 'count' or 'time'");
    }

    @Test
    void durationAsSizeOfCountWindowShouldAskForCalls() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.size=60s");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"60s\"")
            .contains("must be a number of calls for a count window");
    }

    @Test
    void nonDurationAsSizeOfTimeWindowShouldAskForDuration() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.type=time",
                "breaker.instances.payment.sliding-window.size=lots");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"lots\"")
            .contains("must be a duration for a time window");
    }

    @Test
    void negativeWaitInOpenShouldAskForADurationFromOneMillisecondToAYear() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.wait-in-open=-5s");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.wait-in-open")
            .contains("Value: \"-5s\"")
            .contains("must be a duration from 1ms to 365d");
    }

    @Test
    void zeroHalfOpenMaxWaitShouldAskForADurationFromOneMillisecondToAYear() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.half-open.max-wait=0s");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.half-open.max-wait")
            .contains("Value: \"0s\"")
            .contains("must be a duration from 1ms to 365d");
    }

    @Test
    void aWaitOfMoreThanAYearShouldBeRefused() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.backoff.max-wait=400d",
                "breaker.instances.payment.wait-in-open=366d");
        assertThat(analysis.getDescription()).contains("must be a duration from 1ms to 365d");
    }

    @Test
    void zeroCallTimeoutShouldAskForPositiveDurationOrUnset() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.call-timeout=0ms");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.call-timeout")
            .contains("Value: \"0ms\"")
            .contains("must be a positive duration of at most 365d, or unset to turn it off");
    }

    @Test
    void countWindowSmallerThanDefaultMinimumCallsShouldBlameTheWrittenSizeAndNameTheDefault() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.size=5");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"5\"")
            .contains("Origin: \"breaker.instances.payment.sliding-window.size\" from property source \"test\"")
            .contains("Reason: must be at least minimum-calls (10, the default) for a count window, "
                    + "or the breaker could never trip on a rate")
            .contains("Compared with: breaker.instances.payment.minimum-calls, not set, so its default 10 applies");
    }

    @Test
    void minimumCallsAboveDefaultWindowShouldBlameTheWrittenMinimumCalls() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.minimum-calls=500");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.minimum-calls")
            .contains("Value: \"500\"")
            .contains("Reason: must not exceed sliding-window.size (100, the default) for a count window")
            .contains("Compared with: breaker.instances.payment.sliding-window.size, not set, so its default 100 applies");
    }

    @Test
    void countWindowSmallerThanMinimumCallsOfTheDefaultsShouldNameBothWithTheirOrigins() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.minimum-calls=20",
                "breaker.instances.payment.sliding-window.size=10");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"10\"")
            .contains("Reason: must be at least minimum-calls (20) for a count window")
            .contains("Compared with: breaker.defaults.minimum-calls = \"20\"\n"
                    + "    Origin: \"breaker.defaults.minimum-calls\" from property source \"test\"");
    }

    @Test
    void minimumCallsInheritedFromTheDefaultsShouldSayWhereItCameFrom() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.sliding-window.type=time",
                "breaker.defaults.minimum-calls=200", "breaker.instances.payment.sliding-window.type=count");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.minimum-calls")
            .contains("Inherited from: breaker.defaults.minimum-calls")
            .contains("Value: \"200\"")
            .contains("Origin: \"breaker.defaults.minimum-calls\" from property source \"test\"")
            .contains("must not exceed sliding-window.size (100, the default)");
    }

    @Test
    void waitInOpenAboveDefaultBackoffMaxWaitShouldSayTheMaxWaitIsTheDefault() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.wait-in-open=2h");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.wait-in-open")
            .contains("Value: \"2h\"")
            .contains("Reason: must not be longer than backoff.max-wait (1h, the default)")
            .contains("Compared with: breaker.instances.payment.backoff.max-wait, not set, so its default 1h applies");
    }

    @Test
    void backoffMaxWaitBelowDefaultWaitInOpenShouldBlameTheMaxWait() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.backoff.max-wait=10s");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.backoff.max-wait")
            .contains("Value: \"10s\"")
            .contains("Reason: must not be shorter than wait-in-open (30s, the default)");
    }

    @Test
    void retryMaxBackoffBelowDefaultInitialBackoffShouldSayTheInitialBackoffIsTheDefault() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.retry.max-backoff=50ms");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.retry.max-backoff")
            .contains("Value: \"50ms\"")
            .contains("Reason: must not be shorter than retry.initial-backoff (100ms, the default)");
    }

    @Test
    void zeroBackoffMaxWaitShouldAskForADurationRatherThanCompareIt() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.backoff.max-wait=0s");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.backoff.max-wait")
            .contains("must be a duration from 1ms to 365d");
    }

    @Test
    void exceptionClassThatDoesNotExistShouldBeNamed() {
        FailureAnalysis analysis = analyzeStartupWith(
                "breaker.instances.payment.record-exceptions=java.io.IOException,com.example.NoSuchException");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.record-exceptions")
            .contains("Value: \"com.example.NoSuchException\"")
            .contains("'com.example.NoSuchException' was not found");
    }

    @Test
    void classThatIsNotAnExceptionShouldBeNamed() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.ignore-exceptions=java.lang.String");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.ignore-exceptions")
            .contains("Value: \"java.lang.String\"")
            .contains("is not a Throwable");
    }

    @Test
    void zeroRetryAttemptsShouldAskForAtLeastOne() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.retry.max-attempts=0");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.retry.max-attempts")
            .contains("Value: \"0\"")
            .contains("must be at least 1");
    }

    @Test
    void retryMaxBackoffBelowInitialBackoffShouldNameBoth() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.retry.initial-backoff=2s",
                "breaker.instances.payment.retry.max-backoff=1s");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.retry.max-backoff")
            .contains("must not be shorter than retry.initial-backoff");
    }

    @Test
    void negativeConsecutiveFailuresThresholdShouldAskForZeroOrMore() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.consecutive-failures-threshold=-1");
        assertThat(analysis.getDescription())
            .contains("Property: breaker.instances.payment.consecutive-failures-threshold")
            .contains("Value: \"-1\"")
            .contains("must be at least 0");
    }

    @Test
    void zeroMaxKeysShouldAskForAtLeastOne() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.keys.max-keys=0");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.keys.max-keys")
            .contains("must be at least 1");
    }

    @Test
    void redisStateStoreWithoutRedisShouldSayWhatIsMissing() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.state-store.type=redis");
        assertThat(analysis.getDescription()).contains("Property: breaker.state-store.type")
            .contains("Value: \"redis\"")
            .contains("needs breaker-redis");
    }

    @Test
    void mistypedInstancePropertyShouldNameTheClosestKnownProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.failure-rate-thresold=0.5");
        assertThat(analysis.getCause()).isInstanceOf(UnknownBreakerPropertyException.class);
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.failure-rate-thresold")
            .contains("Value: \"0.5\"")
            .contains("Reason: no such property; the closest known property is "
                    + "breaker.instances.payment.failure-rate-threshold");
        assertThat(analysis.getAction()).contains("rename breaker.instances.payment.failure-rate-thresold to "
                + "breaker.instances.payment.failure-rate-threshold");
    }

    @Test
    void unknownInstancePropertyShouldStopStartupNamingAPropertyOfThatInstance() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.bogus-setting=1");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.bogus-setting")
            .containsPattern("closest known property is breaker\\.instances\\.payment\\.[a-z.-]+$");
    }

    @Test
    void mistypedNestedPropertyShouldNameTheClosestKnownProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.half-open.permited-calls=2");
        assertThat(analysis.getDescription())
            .contains("closest known property is breaker.instances.payment.half-open.permitted-calls");
    }

    @Test
    void mistypedDefaultsPropertyShouldNameTheClosestKnownProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.wait-in-opn=10s");
        assertThat(analysis.getDescription()).contains("closest known property is breaker.defaults.wait-in-open");
    }

    @Test
    void mistypedGroupUnderBreakerShouldNameTheClosestKnownProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defualts.wait-in-open=10s");
        assertThat(analysis.getDescription()).contains("Property: breaker.defualts.wait-in-open")
            .contains("closest known property is breaker.defaults.wait-in-open");
    }

    @Test
    void mistypedStateStorePropertyShouldNameTheClosestKnownProperty() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.state-store.redis.key-prefx=app:");
        assertThat(analysis.getDescription()).contains("closest known property is breaker.state-store.redis.key-prefix");
    }

    @Test
    void propertiesWrittenInAnyOfTheirRelaxedFormsShouldBeKnown() {
        this.contextRunner
            .withPropertyValues("breaker.instances.payment.failureRateThreshold=0.6",
                    "breaker.instances.payment.record-exceptions[0]=java.io.IOException",
                    "breaker.instances[order.api].half-open.max-wait=5s", "breaker.instances.inventory=")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void durationWithoutUnitShouldSayHowToWriteIt() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.wait-in-open=10");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.wait-in-open")
            .contains("Value: \"10\"")
            .contains("Reason: must be a duration with a unit: write 10s or 10ms");
    }

    @Test
    void nestedDurationWithoutUnitShouldSayHowToWriteIt() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.backoff.max-wait=3600");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.backoff.max-wait")
            .contains("must be a duration with a unit: write 3600s or 3600ms");
    }

    @Test
    void timeWindowSizeWithoutUnitShouldSayHowToWriteIt() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.type=time",
                "breaker.instances.payment.sliding-window.size=100");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"100\"")
            .contains("must be a duration with a unit for a time window: write 100s or 100ms");
    }

    @Test
    void unknownStateStoreTypeShouldListTheTypesInLowerCase() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.state-store.type=bogus");
        assertThat(analysis.getDescription()).contains("Property: breaker.state-store.type")
            .contains("Value: \"bogus\"")
            .contains("Reason: must be 'memory' or 'redis'")
            .doesNotContain("BreakerProperties", "MEMORY", "REDIS");
    }

    private FailureAnalysis analyzeStartupWith(String... properties) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        this.contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            failure.set(context.getStartupFailure());
        });
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of(properties).applyTo(environment);
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
            .load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, environment)
                .and(BeanFactory.class, new DefaultListableBeanFactory()), (type, name, ex) -> {
                    // analyzers of modules that are absent here are not needed
                });
        FailureAnalysis analysis = analyzers.stream()
            .filter((analyzer) -> analyzer.getClass().getPackageName().startsWith("dev.breaker"))
            .map((analyzer) -> analyzer.analyze(failure.get()))
            .filter(Objects::nonNull)
            .findFirst()
            .orElseThrow(() -> new AssertionError("No breaker failure analyzer answered", failure.get()));
        return analysis;
    }
}
