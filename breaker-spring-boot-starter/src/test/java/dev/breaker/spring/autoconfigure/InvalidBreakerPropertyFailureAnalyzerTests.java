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
 * Every value a breaker cannot work with stops the application, and the analyzer registered in
 * {@code META-INF/spring.factories} names the full property, the value and what is allowed.
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
    void zeroCallTimeoutShouldAskForPositiveDurationOrUnset() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.call-timeout=0ms");
        assertThat(analysis.getDescription()).contains("Property: breaker.defaults.call-timeout")
            .contains("Value: \"0ms\"")
            .contains("must be a positive duration, or unset to turn it off");
    }

    @Test
    void minimumCallsInheritedFromDefaultsShouldSayWhereItCameFrom() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.defaults.minimum-calls=50",
                "breaker.instances.payment.sliding-window.size=20");
        assertThat(analysis.getDescription())
            .contains("Property: breaker.instances.payment.minimum-calls")
            .contains("Inherited from: breaker.defaults.minimum-calls")
            .contains("Value: \"50\"")
            .contains("must not exceed the count window's size (20)");
    }

    @Test
    void minimumCallsAboveCountWindowShouldSayTheBreakerCouldNeverTrip() {
        FailureAnalysis analysis = analyzeStartupWith("breaker.instances.payment.sliding-window.size=5");
        assertThat(analysis.getDescription()).contains("Property: breaker.instances.payment.minimum-calls")
            .contains("Value: \"10\"")
            .contains("must not exceed the count window's size (5)");
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
        assertThat(analysis.getCause()).isInstanceOf(InvalidBreakerPropertyException.class);
        return analysis;
    }
}
