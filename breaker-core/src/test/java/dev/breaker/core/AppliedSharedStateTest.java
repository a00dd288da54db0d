package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.store.SharedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transition from another instance is applied to the state as time has left it. */
class AppliedSharedStateTest {

    private final ManualClock clock = new ManualClock();
    private final List<String> transitions = new ArrayList<>();
    private final CircuitBreaker breaker = CircuitBreaker.builder("payment")
        .config(CircuitBreakerConfig.builder().waitInOpen(Duration.ofSeconds(10)).backoffJitter(0).build())
        .clock(clock)
        .listener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(StateTransition transition) {
                transitions.add(transition.from() + "->" + transition.to());
            }
        })
        .build();

    @Test
    void remoteOpenPeriodThatIsAlreadyOverIsIgnored() {
        long past = clock.millis() - 1;

        breaker.context().shared.apply(breaker, new SharedState(CircuitState.OPEN, past, 0, past - 10_000));

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void openBreakerPastItsRetryTimeLeavesThroughHalfOpenWhenAnotherInstanceReopensIt() {
        breaker.forceOpen();
        breaker.reset();
        breaker.context().shared.apply(breaker, new SharedState(CircuitState.OPEN, clock.millis() + 10_000, 0, clock.millis()));
        clock.advance(Duration.ofSeconds(11));
        transitions.clear();

        long reopenedUntil = clock.millis() + 15_000;
        breaker.context().shared.apply(breaker, new SharedState(CircuitState.OPEN, reopenedUntil, 1, clock.millis()));

        assertThat(transitions).containsExactly("OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        assertThat(breaker.nextRetryAt().toEpochMilli()).isEqualTo(reopenedUntil);
        assertThat(breaker.stats().timeInOpen()).isEqualTo(Duration.ofSeconds(10));
    }
}
