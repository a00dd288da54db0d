package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases where the engine once disagreed with the reference model of
 * {@link CircuitBreakerModelTest}, each pinned down on its own.
 */
class EngineSemanticsRegressionTest {

    private final ManualClock clock = new ManualClock(Instant.EPOCH);
    private final List<StateTransition> transitions = new ArrayList<>();

    private CircuitBreaker breaker(CircuitBreakerConfig.Builder config) {
        return CircuitBreaker.builder("regression").config(config.backoffJitter(0).build()).clock(clock)
                .listener(new CircuitBreakerListener() {
                    @Override
                    public void onStateTransition(StateTransition transition) {
                        transitions.add(transition);
                    }
                })
                .build();
    }

    private static void fail(CircuitBreaker breaker) {
        assertThatThrownBy(() -> breaker.run(() -> {
            throw new IllegalStateException("down");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSuccessThatBringsTheWindowToMinimumCallsTrips() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(3).minimumCalls(2)
                .failureRateThreshold(0.5));
        fail(breaker);
        breaker.run(() -> { });
        // 1 failure of 2 calls = 50%, and the window now holds minimum-calls
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aRateEqualToTheThresholdTripsWhateverTheRounding() {
        // 0.28 * 25 is 7.000000000000001 in floating point, while 7 / 25 is 0.28
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(25).minimumCalls(25)
                .failureRateThreshold(0.28));
        for (int i = 0; i < 18; i++) {
            breaker.run(() -> { });
        }
        for (int i = 0; i < 7; i++) {
            fail(breaker);
        }
        assertThat(breaker.stats().failureRate()).isEqualTo(0.28);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aLateSuccessIsNotPartOfTheCurrentRunOfSuccesses() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder());
        long ticket = breaker.acquire();
        breaker.forceClose();
        fail(breaker);
        breaker.record(ticket, CallOutcome.SUCCESS, 0, null);
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.consecutiveFailures()).isEqualTo(1);
        assertThat(stats.consecutiveSuccesses()).isZero();
    }

    @Test
    void aResetOfAHalfOpenBreakerIsNoRecovery() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)));
        fail(breaker);
        clock.advanceMillis(1_000);
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        breaker.reset();
        assertThat(breaker.stats().successfulRecoveries()).isZero();
        assertThat(breaker.stats().failedRecoveries()).isZero();
    }

    @Test
    void timeDecidedTransitionsHappenWhenTheirTimeComesNotWhenSeen() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).backoffMultiplier(2).halfOpenMaxWait(Duration.ofSeconds(5)));
        fail(breaker);
        clock.advanceMillis(1_500);
        long ticket = breaker.acquire(); // first trial at 1.5s: undecided by 6.5s re-opens
        clock.advanceMillis(7_000);
        // seen at 8.5s: HALF_OPEN began at 1s, re-opened at 6.5s for 2s, so OPEN until 8.5s... and now HALF_OPEN
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(transitions).extracting(t -> t.from() + "->" + t.to() + "@" + t.at().toEpochMilli())
                .containsExactly("CLOSED->OPEN@0", "OPEN->HALF_OPEN@1000", "HALF_OPEN->OPEN@6500",
                        "OPEN->HALF_OPEN@8500");
        assertThat(transitions.get(2).nextRetryAt()).isEqualTo(Instant.ofEpochMilli(8_500));
        assertThat(breaker.stats().timeInOpen()).isEqualTo(Duration.ofMillis(3_000));
        breaker.record(ticket, CallOutcome.SUCCESS, 0, null);
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void aTrialThatEndsPastTheHalfOpenMaxWaitChangesNoState() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1)
                .halfOpenMaxWait(Duration.ofSeconds(5)));
        fail(breaker);
        clock.advanceMillis(1_000);
        breaker.run(() -> clock.advanceMillis(5_000)); // succeeds, but at the deadline
        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
        assertThat(stats.successes()).isEqualTo(1);
        assertThat(stats.successfulRecoveries()).isZero();
        assertThat(stats.failedRecoveries()).isEqualTo(1);
        assertThat(stats.nextRetryAt()).isEqualTo(Instant.ofEpochMilli(6_000 + 1_500));
    }

    @Test
    void anOperatorActsOnTheStateTimeHasMadeEvenIfNobodyLookedAtIt() {
        CircuitBreaker breaker = breaker(CircuitBreakerConfig.builder().countWindow(1).minimumCalls(1)
                .waitInOpen(Duration.ofSeconds(1)));
        fail(breaker);
        clock.advanceMillis(1_000); // HALF_OPEN now, though nothing has read the breaker since
        breaker.forceClose();
        assertThat(transitions).extracting(t -> t.from() + "->" + t.to())
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->FORCED_CLOSED");
    }
}
