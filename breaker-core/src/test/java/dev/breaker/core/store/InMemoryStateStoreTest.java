package dev.breaker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breaker.core.CircuitState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {

    private final InMemoryStateStore store = new InMemoryStateStore();

    private final BreakerId payment = new BreakerId("payment", null);

    private final BreakerId child = new BreakerId("payment", "user-42");

    @Test
    void aPublishedStateIsKeptAndLoaded() {
        assertThat(store.load(payment)).isNull();
        SharedState open = new SharedState(CircuitState.OPEN, 30_000, 2, 0);
        store.publish("a", payment, open);
        assertThat(store.load(payment)).isEqualTo(open);
        assertThat(store.load(child)).isNull();
        assertThat(store.isShared()).isTrue();
    }

    @Test
    void transitionsReachOtherInstancesButNotThePublisher() {
        List<String> received = new CopyOnWriteArrayList<>();
        store.subscribe("a", (id, state) -> received.add("a:" + id + ":" + state.state()));
        store.subscribe("b", (id, state) -> received.add("b:" + id + ":" + state.state()));
        store.publish("a", child, new SharedState(CircuitState.FORCED_OPEN, -1, 0, 0));
        assertThat(received).containsExactly("b:payment[user-42]:FORCED_OPEN");
    }

    @Test
    void trialPermitsAreCountedPerRound() {
        assertThat(store.tryAcquireTrialPermit(payment, 1000, 2)).isTrue();
        assertThat(store.tryAcquireTrialPermit(payment, 1000, 2)).isTrue();
        assertThat(store.tryAcquireTrialPermit(payment, 1000, 2)).isFalse();
        assertThat(store.tryAcquireTrialPermit(payment, 2000, 2)).as("another round").isTrue();
        assertThat(store.tryAcquireTrialPermit(child, 1000, 2)).as("another breaker").isTrue();
        store.releaseTrialPermit(payment, 1000);
        assertThat(store.tryAcquireTrialPermit(payment, 1000, 2)).isTrue();
    }

    @Test
    void aNewStateEndsThePermitsOfOtherRounds() {
        store.tryAcquireTrialPermit(payment, 1000, 1);
        store.publish("a", payment, new SharedState(CircuitState.CLOSED, -1, 0, 0));
        assertThat(store.tryAcquireTrialPermit(payment, 1000, 1)).isTrue();
    }

    @Test
    void halfOpenIsNeverShared() {
        assertThatThrownBy(() -> new SharedState(CircuitState.HALF_OPEN, -1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BreakerId("payment", "k").toString()).isEqualTo("payment[k]");
    }
}
