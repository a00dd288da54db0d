package dev.breaker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A store whose backend fails never breaks a call: breakers go on with local state. */
class UnreachableStoreTest {

    private final ManualClock clock = new ManualClock();

    private final StateStore unreachable = new StateStore() {

        @Override
        public SharedState load(BreakerId id) {
            throw new IllegalStateException("store unreachable");
        }

        @Override
        public void publish(String instanceId, BreakerId id, SharedState state) {
            throw new IllegalStateException("store unreachable");
        }

        @Override
        public void subscribe(String instanceId, SharedStateListener listener) {
        }

        @Override
        public boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted) {
            throw new IllegalStateException("store unreachable");
        }

        @Override
        public void releaseTrialPermit(BreakerId id, long round) {
            throw new IllegalStateException("store unreachable");
        }
    };

    @Test
    void breakersWorkOnLocalStateWhenTheStoreFails() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).stateStore(unreachable)
            .defaults(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).waitInOpen(Duration.ofSeconds(10))
                .backoffJitter(0).halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1).build())
            .build();
        CircuitBreaker breaker = registry.breaker("payment");
        assertThat(breaker.get(() -> "ok")).isEqualTo("ok");
        assertThat(catchThrowable(() -> breaker.run(() -> {
            throw new IllegalStateException("down");
        }))).isInstanceOf(IllegalStateException.class);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(catchThrowable(() -> breaker.get(() -> "never"))).isInstanceOf(CircuitOpenException.class);
        clock.advance(Duration.ofSeconds(10));
        assertThat(breaker.get(() -> "trial")).isEqualTo("trial");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }
}
