package dev.breaker.core;

import static dev.breaker.core.Calls.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
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
        Calls.succeed(parent.child("busy"), 1);
        clock.advance(Duration.ofMinutes(9));
        Calls.succeed(parent.child("busy"), 1);
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
    void openAndHalfOpenChildrenAreKeptUntilPastTheirRetryTimeAndThenIdle() {
        Calls.fail(parent.child("open"), 1);
        Calls.fail(parent.child("half-open"), 1);
        clock.advance(Duration.ofSeconds(30));
        AdmittedCall trial = parent.child("half-open").admit();
        Calls.fail(parent.child("reopened-later"), 1);

        clock.advance(Duration.ofMinutes(5));
        assertThat(parent.evictIdleChildren()).as("past the retry time, but not yet idle for keys.idle-expiry").isZero();

        clock.advance(Duration.ofMinutes(10));
        assertThat(parent.evictIdleChildren()).isEqualTo(2);
        assertThat(parent.children()).extracting(CircuitBreaker::key).as("a trial is in flight")
            .containsExactly("half-open");

        trial.succeeded();
        clock.advance(Duration.ofMinutes(10));
        assertThat(parent.evictIdleChildren()).isEqualTo(1);
        assertThat(parent.childCount()).isZero();
    }

    @Test
    void aForcedOpenChildIsKeptUntilAnOperatorReleasesIt() {
        parent.child("blocked").forceOpen();
        clock.advance(Duration.ofDays(30));
        assertThat(parent.evictIdleChildren()).isZero();
        parent.child("blocked").reset();
        clock.advance(Duration.ofMinutes(10));
        assertThat(parent.evictIdleChildren()).isEqualTo(1);
    }

    @Test
    void anOutcomeOfAChildDroppedWhileItsCallIsInFlightIsNotLost() {
        CircuitBreaker busy = parent.child("busy");
        AdmittedCall inFlight = busy.admit();
        clock.advance(Duration.ofMinutes(11));
        assertThat(parent.evictIdleChildren()).as("a child with a call in flight is kept").isZero();
        inFlight.failed(new IllegalStateException("down"));
        assertThat(busy.state()).isEqualTo(CircuitState.OPEN);
        assertThat(busy.stats().failures()).isEqualTo(1);
    }

    @Test
    void aCallOnAChildReferenceThatWasDroppedGoesThroughTheChildNowLiveForItsKey() {
        CircuitBreaker kept = parent.child("user");
        clock.advance(Duration.ofMinutes(11));
        assertThat(parent.evictIdleChildren()).isEqualTo(1);
        Calls.fail(kept, 1);
        CircuitBreaker live = parent.findChild("user").orElseThrow();
        assertThat(live).isNotSameAs(kept);
        assertThat(live.state()).isEqualTo(CircuitState.OPEN);
        assertThat(live.stats().failures()).isEqualTo(1);
        assertThat(parent.stats().calls()).isZero();
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
    void whenEveryChildMustBeKeptNewKeysShareTheOverflowChildNeverTheNamedBreaker() {
        for (int i = 0; i < 10; i++) {
            Calls.fail(parent.child("open-" + i), 1);
        }
        CircuitBreaker overflow = parent.child("new-key");
        assertThat(overflow).isNotSameAs(parent);
        assertThat(overflow.key()).isEqualTo(CircuitBreaker.OVERFLOW_KEY);
        assertThat(registry.breaker("bot", "another-key")).isSameAs(overflow);
        assertThat(parent.overflowChild()).containsSame(overflow);
        assertThat(parent.findChild("new-key")).isEmpty();
        assertThat(parent.childCount()).isEqualTo(10);
        Calls.succeed(overflow, 1);
        assertThat(overflow.stats().successes()).isEqualTo(1);
        assertThat(parent.stats().calls()).isZero();

        clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(10)));
        CircuitBreaker own = parent.child("new-key");
        assertThat(own.key()).as("past their retry time and idle, the abandoned children make room").isEqualTo("new-key");
    }

    @Test
    void abandonedTrippedKeysNeverLockNewUsersOutOrOpenTheNamedBreaker() {
        CircuitBreakerRegistry fifty = CircuitBreakerRegistry.builder().clock(clock)
            .config("bot", config.toBuilder().maxKeys(50).build()).build();
        CircuitBreaker bot = fifty.breaker("bot");
        for (int i = 0; i < 50; i++) {
            Calls.fail(bot.child("junk-" + i), 1);
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 50; i++) {
            assertThat(bot.child("junk-" + i).state()).isEqualTo(CircuitState.HALF_OPEN);
        }
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofSeconds(1));
            CircuitBreaker user = bot.child("user-" + i);
            assertThat(user.key()).isEqualTo("user-" + i);
            Calls.succeed(user, 1);
        }
        assertThat(bot.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(bot.stats().calls()).isZero();
        assertThat(bot.overflowChild()).isEmpty();
    }

    @Test
    void aFloodOfFailingNewKeysNeverOpensTheNamedBreaker() {
        int rejectedByOverflow = 0;
        for (int i = 0; i < 1000; i++) {
            String key = "junk-" + i;
            CircuitBreaker child = parent.child(key);
            assertThat(child.key()).isIn(key, CircuitBreaker.OVERFLOW_KEY);
            Throwable thrown = catchThrowable(() -> child.run(() -> {
                throw new IllegalStateException("down");
            }));
            if (thrown instanceof CircuitOpenException rejected) {
                assertThat(rejected.getKey()).isEqualTo(CircuitBreaker.OVERFLOW_KEY);
                rejectedByOverflow++;
            }
            else {
                assertThat(thrown).hasMessage("down");
            }
        }
        assertThat(rejectedByOverflow).as("the first failure opens the shared overflow child").isEqualTo(989);
        assertThat(parent.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(parent.stats().calls()).isZero();
        assertThat(parent.childCount()).isEqualTo(10);

        clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(10)));
        CircuitBreaker user = parent.child("user");
        assertThat(user.key()).as("once the flood has passed, keys get children of their own again").isEqualTo("user");
        assertThat(user.get(() -> "ok")).isEqualTo("ok");
    }
}
