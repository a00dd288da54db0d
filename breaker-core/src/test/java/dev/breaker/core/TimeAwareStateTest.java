package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static dev.breaker.core.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeAwareStateTest {

    private final ManualClock clock = new ManualClock();

    private final RecordingListener listener = new RecordingListener();

    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10))
            .halfOpenMaxWait(Duration.ofSeconds(5)).build())
        .clock(clock)
        .listener(listener)
        .build();

    @Test
    void anOpenBreakerPastItsRetryTimeReadsHalfOpenBeforeAnyCall() {
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(breaker.nextRetryAt()).isNull();
        assertThat(breaker.retryAfter()).isZero();
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(stats.nextRetryAt()).isNull();
        assertThat(stats.retryAfterSeconds()).isZero();
        assertThat(listener.last().reason()).isEqualTo(TransitionReason.WAIT_ELAPSED);
    }

    @Test
    void statsReadPastTheRetryTimeShowHalfOpenToo() {
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(stats.retryAfter()).isZero();
        assertThat(stats.timeInOpen()).as("open time ends at the retry time").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void oneMillisecondBeforeTheRetryTimeTheBreakerIsStillOpen() {
        fail(breaker, 1);
        clock.advance(Duration.ofMillis(9999));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofMillis(1));
        assertThat(breaker.stats().retryAfterSeconds()).isEqualTo(1);
        Calls.rejected(breaker);
    }

    @Test
    void aCallAtExactlyTheRetryTimeIsAdmitted() {
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.get(() -> "trial")).isEqualTo("trial");
        assertThat(breaker.stats().rejections()).isZero();
    }

    @Test
    void anUndecidedHalfOpenBreakerPastItsMaxWaitReadsOpen() {
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(10));
        breaker.acquire();
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.nextRetryAt()).isEqualTo(clock.instant().plusSeconds(15));
    }

    @Test
    void aRegistryFiltersByTheStateReadNow() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock)
            .defaults(config().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10)).build())
            .build();
        fail(registry.breaker("payment"), 1);
        registry.breaker("search");
        assertThat(registry.withState(CircuitState.OPEN)).extracting(CircuitBreaker::name).containsExactly("payment");
        clock.advance(Duration.ofSeconds(10));
        assertThat(registry.withState(CircuitState.OPEN)).isEmpty();
        assertThat(registry.withState(CircuitState.HALF_OPEN)).extracting(CircuitBreaker::name)
            .containsExactly("payment");
    }

    @Test
    void toStringReadsTheStateTimeHasMadeWithoutChangingTheBreaker() {
        fail(breaker, 1);
        listener.transitions.clear();
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker).hasToString("CircuitBreaker[payment, HALF_OPEN]");
        assertThat(listener.transitions).as("reading it made no transition").isEmpty();
    }

    @Test
    void aTimeDrivenTransitionCarriesTheInstantItBecameDueWhoeverNoticesItLater() {
        fail(breaker, 1);
        java.time.Instant retryAt = breaker.nextRetryAt();
        clock.advance(Duration.ofSeconds(25));
        AdmittedCall trial = breaker.admit();
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.stats().state()).isEqualTo(CircuitState.OPEN);
        assertThat(listener.transitions).extracting(StateTransition::at)
            .containsExactly(clock.instant().minus(Duration.ofSeconds(10)).minus(Duration.ofSeconds(25)), retryAt,
                    retryAt.plus(Duration.ofSeconds(15)).plus(Duration.ofSeconds(5)));
        trial.succeeded();
        assertThat(breaker.state()).as("a trial ending after its period changes nothing").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void theSystemClocksTickFollowsTheClockAndAManualClocksIsExact() throws Exception {
        ManualClock manual = new ManualClock();
        manual.advanceMillis(7);
        assertThat(manual.tickMillis()).isEqualTo(manual.millis());
        BreakerClock system = BreakerClock.system();
        long before = system.millis();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> system.tickMillis() > before);
        assertThat(system.tickMillis()).isLessThanOrEqualTo(system.millis());
    }
}
