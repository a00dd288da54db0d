package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final ManualClock clock = new ManualClock();

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private final AtomicInteger attempts = new AtomicInteger();

    private final RetryConfig retry = RetryConfig.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100))
        .multiplier(2).maxBackoff(Duration.ofSeconds(5)).jitter(0).build();

    private CircuitBreaker breaker(CircuitBreakerConfig config) {
        return Calls.breaker(clock, config);
    }

    private final CircuitBreaker breaker = breaker(config().minimumCalls(100).countWindow(100)
        .ignoreExceptions(IllegalArgumentException.class)
        .recordExceptions(IOException.class, IllegalStateException.class)
        .build());

    private Retry retry(CircuitBreaker breaker, RetryConfig config) {
        return Retry.of(breaker, config).with(sleeps::add, () -> 0.5);
    }

    private String failing() throws IOException {
        attempts.incrementAndGet();
        throw new IOException("down");
    }

    @Test
    void failuresAreRetriedUpToMaxAttemptsWithBackoff() {
        Throwable thrown = catchThrowable(() -> retry(breaker, retry).execute(this::failing));
        assertThat(thrown).isInstanceOf(IOException.class);
        assertThat(attempts).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(breaker.stats().failures()).isEqualTo(3);
    }

    @Test
    void aSuccessfulAttemptEndsTheRetries() throws Throwable {
        String result = retry(breaker, retry).execute(() -> {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("once");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void oneAttemptMeansNoRetry() {
        assertThat(catchThrowable(() -> retry(breaker, RetryConfig.NONE).execute(this::failing)))
            .isInstanceOf(IOException.class);
        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theBackoffIsCappedAtMaxBackoff() {
        RetryConfig capped = retry.toBuilder().maxAttempts(5).multiplier(10).maxBackoff(Duration.ofMillis(500)).build();
        catchThrowable(() -> retry(breaker, capped).execute(this::failing));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMillis(500));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBounds() {
        RetryConfig jittered = retry.toBuilder().jitter(0.2).build();
        assertThat(Retry.of(breaker, jittered).with(sleeps::add, () -> 0.0).delayBefore(2))
            .isEqualTo(Duration.ofMillis(80));
        assertThat(Retry.of(breaker, jittered).with(sleeps::add, () -> 0.5).delayBefore(3))
            .isEqualTo(Duration.ofMillis(200));
        assertThat(Retry.of(breaker, jittered).with(sleeps::add, () -> 0.999_999).delayBefore(2))
            .isBetween(Duration.ofMillis(119), Duration.ofMillis(120));
        RetryConfig tight = jittered.toBuilder().maxBackoff(Duration.ofMillis(100)).build();
        assertThat(Retry.of(breaker, tight).with(sleeps::add, () -> 0.999_999).delayBefore(4))
            .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void noRetryOnceTheBreakerIsOpen() {
        CircuitBreaker tripping = breaker(config().consecutiveFailuresThreshold(2).build());
        Throwable thrown = catchThrowable(() -> retry(tripping, retry.toBuilder().maxAttempts(5).build())
            .execute(this::failing));
        assertThat(thrown).isInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(2);
        assertThat(sleeps).as("no wait before the rejected attempt").containsExactly(Duration.ofMillis(100));
        assertThat(tripping.stats().rejections()).isEqualTo(1);
    }

    @Test
    void anOpenBreakerRejectsTheFirstAttempt() {
        breaker.forceOpen();
        assertThat(catchThrowable(() -> retry(breaker, retry).execute(this::failing)))
            .isInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(0);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void ignoredExceptionsAreNotRetried() {
        IllegalArgumentException ignored = new IllegalArgumentException("bad input");
        assertThat(catchThrowable(() -> retry(breaker, retry).execute(() -> {
            attempts.incrementAndGet();
            throw ignored;
        }))).isSameAs(ignored);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void exceptionsCountedAsSuccessesAreNotRetried() {
        UnsupportedOperationException notRecorded = new UnsupportedOperationException("not a failure");
        assertThat(catchThrowable(() -> retry(breaker, retry).execute(() -> {
            attempts.incrementAndGet();
            throw notRecorded;
        }))).isSameAs(notRecorded);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void errorsAreNotRetried() {
        AssertionError error = new AssertionError("bug");
        assertThat(catchThrowable(() -> retry(breaker, retry).execute(() -> {
            attempts.incrementAndGet();
            throw error;
        }))).isSameAs(error);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void timeoutsAreRetried() {
        CircuitBreaker timed = breaker(config().callTimeout(Duration.ofMillis(50)).build());
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Throwable thrown = catchThrowable(() -> retry(timed, retry.toBuilder().maxAttempts(2).build()).execute(() -> {
            attempts.incrementAndGet();
            never.await();
            return "never";
        }));
        assertThat(thrown).isInstanceOf(CallTimeoutException.class);
        assertThat(attempts).hasValue(2);
        assertThat(timed.stats().timeouts()).isEqualTo(2);
    }

    @Test
    void retryOfABreakerFollowsItsConfiguration() {
        CircuitBreaker configured = breaker(config().retry(retry.toBuilder().maxAttempts(4).build()).build());
        catchThrowable(() -> Retry.of(configured).with(sleeps::add, () -> 0.5).execute(this::failing));
        assertThat(attempts).hasValue(4);
    }

    @Test
    void getRethrowsRuntimeExceptionsAsTheyAre() {
        IllegalStateException error = new IllegalStateException("down");
        assertThat(catchThrowable(() -> retry(breaker, retry).get(() -> {
            attempts.incrementAndGet();
            throw error;
        }))).isSameAs(error);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void asynchronousFailuresAreRetriedUntilOneSucceeds() throws Exception {
        RetryConfig fast = retry.toBuilder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
            .build();
        String result = retry(breaker, fast).executeAsync(() -> attempts.incrementAndGet() < 3
                ? CompletableFuture.<String>failedFuture(new IOException("down"))
                : CompletableFuture.completedFuture("third time"))
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(result).isEqualTo("third time");
        assertThat(attempts).hasValue(3);
        assertThat(breaker.stats().failures()).isEqualTo(2);
    }

    @Test
    void asynchronousRetriesStopAtMaxAttempts() throws Exception {
        RetryConfig fast = retry.toBuilder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
            .build();
        CompletableFuture<String> result = retry(breaker, fast).executeAsync(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.<String>failedFuture(new IOException("down"));
        }).toCompletableFuture();
        Throwable thrown = catchThrowable(() -> result.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void asynchronousRetriesStopOnceTheBreakerIsOpen() {
        CircuitBreaker tripping = breaker(config().consecutiveFailuresThreshold(2).build());
        RetryConfig fast = retry.toBuilder().maxAttempts(5).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(2)).build();
        CompletableFuture<String> result = retry(tripping, fast).executeAsync(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.<String>failedFuture(new IOException("down"));
        }).toCompletableFuture();
        Throwable thrown = catchThrowable(() -> result.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(2);
    }
}
