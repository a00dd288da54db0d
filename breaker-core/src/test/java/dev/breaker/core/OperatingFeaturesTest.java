package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static dev.breaker.core.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What operators get beyond the state machine: shadow mode, retry hints, timed overrides, the transition history. */
class OperatingFeaturesTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private CircuitBreaker breaker(CircuitBreakerConfig config, RetryAfterExtractor... extractors) {
        CircuitBreaker.Builder builder = CircuitBreaker.builder("payment").config(config).clock(clock).listener(listener);
        for (RetryAfterExtractor extractor : extractors) {
            builder.retryAfterExtractor(extractor);
        }
        return builder.build();
    }

    /** A downstream's answer that asks callers to wait, as an HTTP 429 with {@code Retry-After} does. */
    static final class TooManyRequests extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final Duration retryAfter;

        TooManyRequests(Duration retryAfter) {
            super("429", null, false, false);
            this.retryAfter = retryAfter;
        }
    }

    private static final RetryAfterExtractor HINTS = failure -> failure instanceof TooManyRequests tooMany
            ? tooMany.retryAfter : null;

    @Nested
    class ShadowMode {

        private final CircuitBreaker shadow = breaker(config().consecutiveFailuresThreshold(2)
            .waitInOpen(Duration.ofSeconds(10)).mode(BreakerMode.SHADOW).build());

        @Test
        void tripsAsWhenEnforcingButRunsEveryCallAndCountsWhatItWouldHaveRejected() {
            fail(shadow, 2);
            assertThat(shadow.state()).isEqualTo(CircuitState.OPEN);
            assertThat(shadow.get(() -> "ran")).isEqualTo("ran");
            fail(shadow, 1);
            CircuitBreakerStats stats = shadow.stats();
            assertThat(stats.shadowRejections()).isEqualTo(2);
            assertThat(stats.rejections()).isZero();
            assertThat(stats.calls()).as("a shadow-rejected call's outcome stays out of the counts").isEqualTo(2);
            assertThat(shadow.nextRetryAt()).as("its outcome changes no state").isEqualTo(clock.instant()
                .plusSeconds(10));
            assertThat(listener.outcomes).endsWith(CallOutcome.SHADOW_REJECTED, CallOutcome.SHADOW_REJECTED);
        }

        @Test
        void anOperatorsForcedOpenIsEnforcedWhateverTheMode() {
            shadow.forceOpen();
            assertThat(catchThrowable(() -> shadow.get(() -> "never"))).isInstanceOf(CircuitOpenException.class);
            assertThat(shadow.stats().rejections()).isEqualTo(1);
        }
    }

    @Nested
    class RetryHints {

        private final CircuitBreakerConfig base = config().consecutiveFailuresThreshold(2)
            .waitInOpen(Duration.ofSeconds(10)).backoffMaxWait(Duration.ofMinutes(5)).build();

        @Test
        void aHintStretchesTheOpenWaitThatFollowsAndNamesItAsTheReason() {
            CircuitBreaker payment = breaker(base, HINTS);
            failWith(payment, new TooManyRequests(Duration.ofSeconds(120)));
            failWith(payment, new IllegalStateException("down"));
            assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(120));
            assertThat(listener.transitions.get(0).reason()).isEqualTo(TransitionReason.RETRY_AFTER);
            assertThat(listener.transitions.get(0).nextRetryAt()).isEqualTo(clock.instant().plusSeconds(120));
        }

        @Test
        void aHintAboveTheLongestWaitIsCapped() {
            CircuitBreaker payment = breaker(base, HINTS);
            failWith(payment, new TooManyRequests(Duration.ofHours(3)));
            failWith(payment, new TooManyRequests(Duration.ofHours(3)));
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void anAbsurdlyLongHintIsCappedWithoutOverflow() {
            CircuitBreaker payment = breaker(base, HINTS);
            failWith(payment, new TooManyRequests(Duration.ofSeconds(Long.MAX_VALUE)));
            failWith(payment, new TooManyRequests(Duration.ofSeconds(Long.MAX_VALUE)));
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void aShorterHintLeavesTheBackedOffWait() {
            CircuitBreaker payment = breaker(base, HINTS);
            failWith(payment, new TooManyRequests(Duration.ofSeconds(2)));
            failWith(payment, new TooManyRequests(Duration.ofSeconds(2)));
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            assertThat(listener.transitions.get(0).reason()).isEqualTo(TransitionReason.CONSECUTIVE_FAILURES);
        }

        @Test
        void openImmediatelyOpensOnTheFirstFailureCarryingAHint() {
            CircuitBreaker payment = breaker(base.toBuilder().retryAfterOpensImmediately(true).build(), HINTS);
            failWith(payment, new TooManyRequests(Duration.ofSeconds(45)));
            assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(45));
            assertThat(listener.reasons()).containsExactly(TransitionReason.RETRY_AFTER);
        }

        @Test
        void aFailedTrialWithAHintReopensForAtLeastTheHint() {
            CircuitBreaker payment = breaker(base, HINTS);
            fail(payment, 2);
            clock.advance(Duration.ofSeconds(10));
            failWith(payment, new TooManyRequests(Duration.ofSeconds(90)));
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(90));
            assertThat(listener.reasons()).endsWith(TransitionReason.RETRY_AFTER);
        }

        @Test
        void hintsAreIgnoredWhenNotHonouredAndABrokenExtractorNeverBreaksTheCall() {
            CircuitBreaker payment = breaker(base.toBuilder().retryAfterHonoured(false).build(), HINTS);
            failWith(payment, new TooManyRequests(Duration.ofSeconds(120)));
            failWith(payment, new TooManyRequests(Duration.ofSeconds(120)));
            assertThat(payment.retryAfter()).isEqualTo(Duration.ofSeconds(10));

            CircuitBreaker broken = breaker(base, failure -> {
                throw new IllegalStateException("broken extractor");
            });
            failWith(broken, new TooManyRequests(Duration.ofSeconds(120)));
            failWith(broken, new TooManyRequests(Duration.ofSeconds(120)));
            assertThat(broken.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        }

        private void failWith(CircuitBreaker payment, RuntimeException failure) {
            assertThat(catchThrowable(() -> payment.run(() -> {
                throw failure;
            }))).isSameAs(failure);
        }
    }

    @Nested
    class TimedOverrides {

        private final CircuitBreaker payment = breaker(config().consecutiveFailuresThreshold(1).build());

        @Test
        void aTimedForceOpenEndsByItselfAsAResetAndSaysWhoAndWhy() {
            payment.forceOpen(Duration.ofMinutes(10), "provider maintenance", "alice");
            Instant until = clock.instant().plus(Duration.ofMinutes(10));
            BreakerOverride override = payment.override().orElseThrow();
            assertThat(override).isEqualTo(new BreakerOverride(CircuitState.FORCED_OPEN, "provider maintenance", "alice",
                    clock.instant(), until));
            assertThat(listener.transitions.get(0).detail()).contains("alice").contains("provider maintenance");
            CircuitOpenException rejected = catchThrowableOfType(CircuitOpenException.class, () -> payment.get(() -> "x"));
            assertThat(rejected.getNextRetryAt()).as("it does not retry; it ends").isNull();
            assertThat(rejected.getRetryAfter()).isEqualTo(Duration.ofMinutes(10));
            assertThat(payment.nextRetryAt()).isNull();

            clock.advance(Duration.ofMinutes(10));
            assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(payment.override()).isEmpty();
            assertThat(listener.transitions.get(1).reason()).isEqualTo(TransitionReason.OVERRIDE_EXPIRED);
            assertThat(listener.transitions.get(1).at()).isEqualTo(until);
            succeed(payment, 1);
        }

        @Test
        void theFirstCallAfterATimedForceOpenEndsRunsWithoutAReadBeforeIt() {
            payment.forceOpen(Duration.ofMinutes(10), "provider maintenance", "alice");
            clock.advance(Duration.ofMinutes(10));
            assertThat(payment.get(() -> "ran")).isEqualTo("ran");
            assertThat(listener.transitions.get(1).reason()).isEqualTo(TransitionReason.OVERRIDE_EXPIRED);
            assertThat(payment.stats().rejections()).isZero();
        }

        @Test
        void theFirstCallAfterATimedForceCloseEndsCountsInTheClosedPeriodWithoutAReadBeforeIt() {
            payment.forceClose(Duration.ofMinutes(10), "incident 42", "bob");
            clock.advance(Duration.ofMinutes(10));
            fail(payment, 1);
            assertThat(listener.reasons()).containsExactly(TransitionReason.FORCED_CLOSED,
                    TransitionReason.OVERRIDE_EXPIRED, TransitionReason.CONSECUTIVE_FAILURES);
            assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        }

        @Test
        void repeatingTheActionWithANewDurationOrReasonChangesTheOverrideWithoutATransition() {
            payment.forceClose(Duration.ofMinutes(5), "incident 42", "bob");
            payment.forceClose(Duration.ofMinutes(30), "incident 42, extended", "bob");
            assertThat(listener.transitions).hasSize(1);
            assertThat(payment.override().orElseThrow().until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
            payment.forceClose();
            assertThat(payment.override().orElseThrow().reason()).as("a plain repeat changes nothing")
                .isEqualTo("incident 42, extended");
            fail(payment, 3);
            assertThat(payment.state()).isEqualTo(CircuitState.FORCED_CLOSED);
        }
    }

    @Nested
    class History {

        private final CircuitBreaker payment = breaker(config().consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(10)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build());

        @Test
        void theLatestTwentyTransitionsAreKeptNewestFirstWithTheirReasonAndDetail() {
            assertThat(payment.lastTransitions()).isEmpty();
            fail(payment, 1);
            assertThat(payment.lastTransitions()).singleElement().satisfies(transition -> {
                assertThat(transition.to()).isEqualTo(CircuitState.OPEN);
                assertThat(transition.reason()).isEqualTo(TransitionReason.CONSECUTIVE_FAILURES);
                assertThat(transition.detail()).isEqualTo("1 consecutive failures >= 1");
            });
            for (int i = 0; i < 15; i++) {
                clock.advance(Duration.ofMinutes(10));
                succeed(payment, 1);
                fail(payment, 1);
            }
            assertThat(payment.lastTransitions()).hasSize(20);
            assertThat(payment.lastTransitions().get(0).to()).isEqualTo(CircuitState.OPEN);
            assertThat(payment.lastTransitions().get(0).at()).isEqualTo(clock.instant());
            assertThat(payment.lastTransitions()).isSortedAccordingTo(
                    (a, b) -> b.at().compareTo(a.at()));
        }
    }
}
