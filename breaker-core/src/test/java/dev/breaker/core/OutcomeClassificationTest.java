package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutcomeClassificationTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener).build();
    }

    @Test
    void everyOutcomeIsReportedUnderItsName() {
        CircuitBreaker breaker = breaker(config().ignoreExceptions(IllegalArgumentException.class)
            .minimumCalls(10).build());
        Calls.succeed(breaker, 1);
        Calls.fail(breaker, 1);
        Calls.throwing(breaker, new IllegalArgumentException("ignored"));
        breaker.record(breaker.acquire(), CallOutcome.TIMEOUT, 0, null);
        breaker.forceOpen();
        Calls.rejected(breaker);
        assertThat(listener.outcomes).containsExactly(CallOutcome.SUCCESS, CallOutcome.FAILURE, CallOutcome.IGNORED,
                CallOutcome.TIMEOUT, CallOutcome.REJECTED);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.calls()).isEqualTo(4);
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.failures()).as("a timeout is a failure").isEqualTo(2);
        assertThat(stats.timeouts()).isEqualTo(1);
        assertThat(stats.ignored()).isEqualTo(1);
        assertThat(stats.rejections()).isEqualTo(1);
        assertThat(CallOutcome.TIMEOUT.tagValue()).isEqualTo("timeout");
    }

    @Test
    void withoutRecordExceptionsEveryExceptionIsAFailure() {
        CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
        assertThat(config.classify(new IOException())).isEqualTo(CallOutcome.FAILURE);
        assertThat(config.classify(new IllegalStateException())).isEqualTo(CallOutcome.FAILURE);
        assertThat(config.classify(new OutOfMemoryError())).isEqualTo(CallOutcome.FAILURE);
    }

    @Test
    void recordExceptionsIncludeTheirSubclasses() {
        CircuitBreakerConfig config = config().recordExceptions(IOException.class).build();
        assertThat(config.classify(new IOException())).isEqualTo(CallOutcome.FAILURE);
        assertThat(config.classify(new FileNotFoundException())).isEqualTo(CallOutcome.FAILURE);
    }

    @Test
    void anExceptionOutsideRecordExceptionsCountsAsASuccess() {
        CircuitBreaker breaker = breaker(config().recordExceptions(IOException.class).consecutiveFailuresThreshold(1)
            .build());
        Calls.fail(breaker, 3);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.successes()).isEqualTo(3);
        assertThat(stats.failures()).isZero();
        assertThat(stats.windowCalls()).isEqualTo(3);
        assertThat(listener.outcomes).containsOnly(CallOutcome.SUCCESS);
        assertThat(listener.errors).allSatisfy(error -> assertThat(error).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void anErrorIsAFailureEvenWhenRecordExceptionsDoNotListIt() {
        CircuitBreakerConfig config = config().recordExceptions(IOException.class).build();
        assertThat(config.classify(new AssertionError())).isEqualTo(CallOutcome.FAILURE);
        CircuitBreaker breaker = breaker(config().recordExceptions(IOException.class).consecutiveFailuresThreshold(1)
            .build());
        try {
            breaker.run(() -> {
                throw new LinkageError("missing class");
            });
        }
        catch (LinkageError expected) {
            // counted below
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void ignoreExceptionsIncludeTheirSubclassesAndCountNeitherWay() {
        CircuitBreaker breaker = breaker(config().ignoreExceptions(IllegalArgumentException.class)
            .consecutiveFailuresThreshold(1).build());
        Calls.throwing(breaker, new NumberFormatException("not a number"));
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(stats.ignored()).isEqualTo(1);
        assertThat(stats.successes()).isZero();
        assertThat(stats.failures()).isZero();
        assertThat(stats.windowCalls()).isZero();
        assertThat(stats.healthScore()).isEqualTo(1.0);
    }

    @Test
    void anExceptionInBothListsIsIgnored() {
        CircuitBreakerConfig config = config().recordExceptions(RuntimeException.class)
            .ignoreExceptions(UncheckedIOException.class).build();
        assertThat(config.classify(new UncheckedIOException(new IOException()))).isEqualTo(CallOutcome.IGNORED);
        assertThat(config.classify(new IllegalStateException())).isEqualTo(CallOutcome.FAILURE);
        assertThat(config.classify(new IOException())).isEqualTo(CallOutcome.SUCCESS);
    }

    @Test
    void anIgnoredErrorIsIgnored() {
        CircuitBreakerConfig config = config().ignoreExceptions(StackOverflowError.class).build();
        assertThat(config.classify(new StackOverflowError())).isEqualTo(CallOutcome.IGNORED);
    }

    @Test
    void aCancelledCallIsIgnored() {
        CircuitBreaker breaker = breaker(config().build());
        breaker.record(breaker.acquire(), CallOutcome.IGNORED, Duration.ofSeconds(1).toNanos(), null);
        assertThat(listener.outcomes).containsExactly(CallOutcome.IGNORED);
        assertThat(breaker.stats().ignored()).isEqualTo(1);
    }
}
