package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Breakers of one configuration share their wiring in a registry, but a listener added to one
 * breaker hears that breaker (and its keyed children) only.
 */
class BreakerListenersTest {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .defaults(CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1).minimumCalls(1).build())
        .clock(new ManualClock())
        .build();

    @Test
    void listenerAddedToOneBreakerDoesNotHearAnotherOfTheSameConfiguration() {
        List<String> heard = new ArrayList<>();
        registry.breaker("payment").addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(StateTransition transition) {
                heard.add(transition.label());
            }
        });

        registry.breaker("quotes").forceOpen();
        registry.breaker("payment").forceOpen();

        assertThat(heard).containsExactly("payment");
    }

    @Test
    void listenerAddedAfterAChildExistsHearsThatChild() {
        CircuitBreaker bot = registry.breaker("bot");
        CircuitBreaker alice = bot.child("alice");
        List<String> heard = new ArrayList<>();
        bot.addListener(new CircuitBreakerListener() {
            @Override
            public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos, Throwable error) {
                heard.add(breaker.key() + ":" + outcome);
            }
        });

        alice.run(() -> { });

        assertThat(heard).containsExactly("alice:SUCCESS");
    }

    @Test
    void registryListenerHearsEveryBreakerAlongsideABreakersOwn() {
        List<String> registryHeard = new ArrayList<>();
        List<String> ownHeard = new ArrayList<>();
        registry.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(StateTransition transition) {
                registryHeard.add(transition.label());
            }
        });
        registry.breaker("payment").addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(StateTransition transition) {
                ownHeard.add(transition.label());
            }
        });

        registry.breaker("payment").forceOpen();
        registry.breaker("quotes").forceOpen();

        assertThat(ownHeard).containsExactly("payment");
        assertThat(registryHeard).containsExactly("payment", "quotes");
    }
}
