package dev.breaker.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SharedStateTest {

    private final ManualClock clock = new ManualClock();

    private final InMemoryStateStore store = new InMemoryStateStore();

    private final CircuitBreakerConfig config = CircuitBreakerConfig.builder().consecutiveFailuresThreshold(1)
        .waitInOpen(Duration.ofSeconds(10)).backoffMultiplier(2).backoffJitter(0).halfOpenPermittedCalls(1)
        .halfOpenSuccessThreshold(1).build();

    private CircuitBreakerRegistry registry(String instanceId) {
        return CircuitBreakerRegistry.builder().clock(clock).stateStore(store).instanceId(instanceId)
            .config("payment", config).defaults(config).build();
    }

    private final CircuitBreakerRegistry first = registry("first");

    private final CircuitBreakerRegistry second = registry("second");

    private static void fail(CircuitBreaker breaker) {
        assertThat(catchThrowable(() -> breaker.run(() -> {
            throw new IllegalStateException("down");
        }))).isInstanceOf(IllegalStateException.class);
    }

    private static CircuitOpenException rejection(CircuitBreaker breaker) {
        return catchThrowableOfType(CircuitOpenException.class, () -> breaker.get(() -> "never"));
    }

    @Test
    void aTripOnOneInstanceMakesTheOtherReject() {
        fail(first.breaker("payment"));
        CircuitBreaker other = second.breaker("payment");
        assertThat(other.state()).isEqualTo(CircuitState.OPEN);
        assertThat(other.nextRetryAt()).isEqualTo(first.breaker("payment").nextRetryAt());
        assertThat(rejection(other)).isNotNull();
        assertThat(other.stats().calls()).as("call counts stay local").isZero();
        assertThat(store.load(new BreakerId("payment", null)).state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void theStoreHoldsTheOpenUntilTimeAndTheBackoff() {
        CircuitBreaker one = first.breaker("payment");
        fail(one);
        BreakerId id = new BreakerId("payment", null);
        assertThat(store.load(id).openUntilMillis()).isEqualTo(one.nextRetryAt().toEpochMilli());
        assertThat(store.load(id).failedRecoveries()).isZero();
        clock.advance(Duration.ofSeconds(10));
        fail(one);
        assertThat(store.load(id).failedRecoveries()).isEqualTo(1);
        assertThat(store.load(id).openUntilMillis()).isEqualTo(one.nextRetryAt().toEpochMilli());
        one.reset();
        assertThat(store.load(id).state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aResetOnOneInstanceClosesTheOther() {
        fail(first.breaker("payment"));
        second.breaker("payment").reset();
        assertThat(first.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(first.breaker("payment").get(() -> "ok")).isEqualTo("ok");
    }

    @Test
    void operatorOverridesReachEveryInstance() {
        first.breaker("payment").forceOpen();
        assertThat(second.breaker("payment").state()).isEqualTo(CircuitState.FORCED_OPEN);
        first.breaker("payment").forceClose();
        assertThat(second.breaker("payment").state()).isEqualTo(CircuitState.FORCED_CLOSED);
    }

    @Test
    void aNewInstanceStartsOpenAndStaysOpenUntilTheRetryTime() {
        fail(first.breaker("payment"));
        Instant retryAt = first.breaker("payment").nextRetryAt();
        clock.advance(Duration.ofSeconds(4));
        CircuitBreakerRegistry restarted = registry("restarted");
        CircuitBreaker payment = restarted.breaker("payment");
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        assertThat(payment.nextRetryAt()).isEqualTo(retryAt);
        assertThat(rejection(payment).getRetryAfter()).isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofMillis(5999));
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        clock.advance(Duration.ofMillis(1));
        assertThat(payment.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void aNewInstanceStartsForcedOpenWhenAnOperatorForcedItOpen() {
        first.breaker("payment").forceOpen();
        CircuitBreaker payment = registry("restarted").breaker("payment");
        assertThat(payment.state()).isEqualTo(CircuitState.FORCED_OPEN);
        clock.advance(Duration.ofDays(1));
        assertThat(rejection(payment).getNextRetryAt()).isNull();
    }

    @Test
    void aBreakerCreatedLaterLoadsTheSharedState() {
        fail(first.breaker("search"));
        assertThat(second.find("search")).isEmpty();
        assertThat(second.breaker("search").state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void keyedChildrenShareTheirStateToo() {
        CircuitBreaker existing = second.breaker("payment", "user-42");
        fail(first.breaker("payment", "user-42"));
        assertThat(existing.state()).isEqualTo(CircuitState.OPEN);
        assertThat(second.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(registry("third").breaker("payment", "user-42").state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void trialPermitsAreLimitedAcrossInstances() {
        fail(first.breaker("payment"));
        clock.advance(Duration.ofSeconds(10));
        CircuitBreaker one = first.breaker("payment");
        CircuitBreaker two = second.breaker("payment");
        AdmittedCall trial = one.admit();
        CircuitOpenException rejected = rejection(two);
        assertThat(rejected.getState()).isEqualTo(CircuitState.HALF_OPEN);
        trial.succeeded();
        assertThat(one.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(two.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(two.get(() -> "ok")).isEqualTo("ok");
    }

    @Test
    void aFailedTrialOnOneInstanceReopensEveryInstanceWithTheSameBackoff() {
        fail(first.breaker("payment"));
        clock.advance(Duration.ofSeconds(10));
        fail(second.breaker("payment"));
        CircuitBreaker one = first.breaker("payment");
        assertThat(one.state()).isEqualTo(CircuitState.OPEN);
        assertThat(one.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(one.nextRetryAt()).isEqualTo(second.breaker("payment").nextRetryAt());
    }

    @Test
    void aReleasedTrialPermitCanBeTakenByAnotherInstance() {
        CircuitBreakerConfig ignoring = config.toBuilder().ignoreExceptions(IllegalArgumentException.class).build();
        CircuitBreakerRegistry a = CircuitBreakerRegistry.builder().clock(clock).stateStore(store).instanceId("a")
            .defaults(ignoring).build();
        CircuitBreakerRegistry b = CircuitBreakerRegistry.builder().clock(clock).stateStore(store).instanceId("b")
            .defaults(ignoring).build();
        CircuitBreaker onA = a.breaker("orders");
        CircuitBreaker onB = b.breaker("orders");
        fail(onA);
        clock.advance(Duration.ofSeconds(10));
        AdmittedCall trial = onA.admit();
        assertThat(rejection(onB)).isNotNull();
        trial.failed(new IllegalArgumentException("ignored"));
        assertThat(onB.get(() -> "ok")).isEqualTo("ok");
        assertThat(onA.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void theDefaultStoreSharesNothing() {
        CircuitBreakerRegistry one = CircuitBreakerRegistry.builder().clock(clock).defaults(config).build();
        CircuitBreakerRegistry two = CircuitBreakerRegistry.builder().clock(clock).defaults(config).build();
        fail(one.breaker("payment"));
        assertThat(two.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
        assertThat(LocalStateStore.INSTANCE.isShared()).isFalse();
    }

    @Test
    void standaloneBreakersOnOneStoreShareTheirStateAsRegistryBreakersDo() {
        CircuitBreaker one = CircuitBreaker.builder("payment").config(config).clock(clock).stateStore(store)
            .instanceId("one").build();
        CircuitBreaker two = CircuitBreaker.builder("payment").config(config).clock(clock).stateStore(store)
            .instanceId("two").build();
        fail(one);
        assertThat(two.state()).isEqualTo(CircuitState.OPEN);
        assertThat(two.nextRetryAt()).isEqualTo(one.nextRetryAt());
        two.reset();
        assertThat(one.state()).isEqualTo(CircuitState.CLOSED);
    }
}
