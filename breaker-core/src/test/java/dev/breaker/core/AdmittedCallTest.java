package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An admitted call records the first outcome reported for it, and only that one. */
class AdmittedCallTest {

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker breaker = CircuitBreaker.builder("quotes").clock(clock).build();

    @Test
    void firstOutcomeIsRecordedAndLaterOnesAreNot() {
        AdmittedCall call = breaker.admit();
        clock.advance(Duration.ofMillis(5));

        assertThat(call.timedOut()).isTrue();
        assertThat(call.succeeded()).isFalse();
        assertThat(call.failed(new IllegalStateException("late"))).isFalse();
        assertThat(call.cancelled()).isFalse();

        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.calls()).isOne();
        assertThat(stats.timeouts()).isOne();
        assertThat(stats.successes()).isZero();
    }

    @Test
    void aCancelledTrialCallGivesItsPermitBack() {
        CircuitBreaker trial = CircuitBreaker.builder("trial").clock(clock)
            .config(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(1))
                .backoffJitter(0).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build())
            .build();
        trial.admit().failed(new IllegalStateException("down"));
        clock.advance(Duration.ofSeconds(1));
        AdmittedCall first = trial.admit();
        assertThatThrownBy(trial::admit).isInstanceOf(CircuitOpenException.class);

        assertThat(first.cancelled()).isTrue();

        assertThat(trial.admit().succeeded()).isTrue();
        assertThat(trial.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void rejectedCallIsNotAdmitted() {
        breaker.forceOpen();

        assertThatThrownBy(breaker::admit).isInstanceOf(CircuitOpenException.class);
        assertThat(breaker.stats().rejections()).isOne();
    }
}
