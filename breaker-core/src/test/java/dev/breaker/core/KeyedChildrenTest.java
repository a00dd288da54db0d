package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyedChildrenTest {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerConfig config = config().consecutiveFailuresThreshold(1)
        .waitInOpen(Duration.ofSeconds(30)).halfOpenMaxWait(Duration.ofHours(2)).maxKeys(10)
        .keyIdleExpiry(Duration.ofMinutes(10)).build();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock)
        .config("bot", config).build();

    private final CircuitBreaker parent = registry.breaker("bot");

    private void createKeys(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            parent.child(prefix + i);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aChildIsCreatedOnDemandWithTheParentsConfiguration() {
        assertThat(parent.findChild("user-1")).isEmpty();
        CircuitBreaker child = parent.child("user-1");
        assertThat(child).isNotSameAs(parent);
        assertThat(parent.child("user-1")).isSameAs(child);
        assertThat(child.name()).isEqualTo("bot");
        assertThat(child.key()).isEqualTo("user-1");
        assertThat(child.config()).isSameAs(config);
        assertThat(parent.childCount()).isEqualTo(1);
        assertThat(parent.children()).containsExactly(child);
        assertThat(child.toString()).isEqualTo("CircuitBreaker[bot[user-1], CLOSED]");
    }

    @Test
    void eachChildHasItsOwnState() {
        CircuitBreaker one = parent.child("user-1");
        CircuitBreaker two = parent.child("user-2");
        Calls.fail(one, 1);
        assertThat(one.state()).isEqualTo(CircuitState.OPEN);
        assertThat(two.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(parent.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(parent.stats().calls()).isZero();
        Calls.succeed(two, 1);
    }

    @Test
    void aChildCannotHaveChildren() {
        CircuitBreaker child = parent.child("user-1");
        assertThatThrownBy(() -> child.child("nested")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theNumberOfChildrenIsBoundedByMaxKeys() {
        createKeys("user-", 25);
        assertThat(parent.childCount()).isLessThanOrEqualTo(10);
        assertThat(parent.findChild("user-24")).isPresent();
        assertThat(parent.findChild("user-0")).as("the least recently used go first").isEmpty();
    }

    @Test
    void idleClosedChildrenExpire() {
        parent.child("idle");
        clock.advance(Duration.ofMinutes(5));
        parent.child("busy");
        clock.advance(Duration.ofMinutes(5));
        assertThat(parent.evictIdleChildren()).isEqualTo(1);
        assertThat(parent.findChild("idle")).isEmpty();
        assertThat(parent.findChild("busy")).isPresent();
    }

    @Test
    void aChildInUseDoesNotExpire() {
        parent.child("busy");
        clock.advance(Duration.ofMinutes(9));
        parent.child("busy");
        clock.advance(Duration.ofMinutes(9));
        assertThat(parent.evictIdleChildren()).isZero();
        assertThat(parent.findChild("busy")).isPresent();
    }

    @Test
    void idleChildrenExpireByThemselvesAsNewChildrenAreCreated() {
        parent.child("idle");
        clock.advance(Duration.ofMinutes(11));
        parent.child("new");
        assertThat(parent.findChild("idle")).isEmpty();
        assertThat(parent.childCount()).isEqualTo(1);
    }

    @Test
    void openAndHalfOpenChildrenAreNeverEvicted() {
        Calls.fail(parent.child("open"), 1);
        Calls.fail(parent.child("half-open"), 1);
        clock.advance(Duration.ofSeconds(30));
        parent.child("half-open").acquirePermission();
        assertThat(parent.child("half-open").state()).isEqualTo(CircuitState.HALF_OPEN);
        Calls.fail(parent.child("reopened-later"), 1);
        clock.advance(Duration.ofHours(1));
        assertThat(parent.evictIdleChildren()).isZero();
        assertThat(parent.children()).extracting(CircuitBreaker::key)
            .containsExactlyInAnyOrder("open", "half-open", "reopened-later");
    }

    @Test
    void openChildrenSurviveTheBoundAndClosedOnesMakeRoom() {
        for (int i = 0; i < 5; i++) {
            Calls.fail(parent.child("open-" + i), 1);
        }
        createKeys("closed-", 30);
        assertThat(parent.childCount()).isLessThanOrEqualTo(10);
        for (int i = 0; i < 5; i++) {
            assertThat(parent.findChild("open-" + i)).isPresent();
        }
    }

    @Test
    void whenEveryChildIsOpenNewKeysGoThroughTheParent() {
        for (int i = 0; i < 10; i++) {
            Calls.fail(parent.child("open-" + i), 1);
        }
        CircuitBreaker overflow = parent.child("new-key");
        assertThat(overflow).isSameAs(parent);
        assertThat(registry.breaker("bot", "new-key")).isSameAs(parent);
        assertThat(parent.findChild("new-key")).isEmpty();
        assertThat(parent.childCount()).isEqualTo(10);
        Calls.succeed(overflow, 1);
        assertThat(parent.stats().successes()).isEqualTo(1);
    }
}
