package dev.breaker.spring.actuate.endpoint;

import static dev.breaker.spring.test.Breakers.trip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.BreakerMode;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.TransitionReason;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import dev.breaker.core.store.SharedState;
import dev.breaker.core.store.StateStore;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.BreakerDescriptor;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.BreakerDetailDescriptor;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.ChildrenDescriptor;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.CircuitBreakersDescriptor;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.OverrideDescriptor;
import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.TransitionDescriptor;
import dev.breaker.spring.event.UntrustedText;
import dev.breaker.spring.metrics.CircuitBreakerMeterBinder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;

class CircuitBreakersEndpointTests {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .random(() -> 0.5)
        .config("payment", CircuitBreakerConfig.builder().minimumCalls(2).waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0).build())
        .config("inventory", CircuitBreakerConfig.defaults())
        .config("search", CircuitBreakerConfig.defaults())
        .build();

    private final CircuitBreakersEndpoint endpoint = new CircuitBreakersEndpoint(this.registry);

    @Test
    void breakersWhenOneIsOpenShouldSummarizeStatesAndListEveryBreaker() {
        trip(this.registry.breaker("payment"));
        this.registry.breaker("search").forceClose();
        this.clock.advance(Duration.ofMillis(17_500));
        CircuitBreakersDescriptor descriptor = this.endpoint.breakers();
        assertThat(descriptor.summary().total()).isEqualTo(3);
        assertThat(descriptor.summary().closed()).isEqualTo(1);
        assertThat(descriptor.summary().open()).isEqualTo(1);
        assertThat(descriptor.summary().halfOpen()).isZero();
        assertThat(descriptor.summary().forcedOpen()).isZero();
        assertThat(descriptor.summary().forcedClosed()).isEqualTo(1);
        assertThat(descriptor.summary().openBreakers()).containsExactly("payment");
        assertThat(descriptor.summary().halfOpenBreakers()).isEmpty();
        assertThat(descriptor.breakers()).containsOnlyKeys("inventory", "payment", "search");
        BreakerDescriptor payment = descriptor.breakers().get("payment");
        assertThat(payment.getState()).isEqualTo("OPEN");
        assertThat(payment.getNextRetryAt()).isEqualTo("2026-01-01T00:00:30Z");
        assertThat(payment.getRetryAfterSeconds()).isEqualTo(13);
        assertThat(payment.getFailures()).isEqualTo(2);
        assertThat(payment.getCalls()).isEqualTo(2);
        assertThat(payment.getConsecutiveFailures()).isEqualTo(2);
        assertThat(payment.getFailureRate()).isEqualTo(1.0);
        assertThat(payment.getHealthScore()).isZero();
        assertThat(payment.getOpens()).isEqualTo(1);
        assertThat(payment.getLastFailureAt()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(payment.getLastSuccessAt()).isNull();
        assertThat(payment.getTimeInOpenSeconds()).isEqualTo(17.5);
        BreakerDescriptor inventory = descriptor.breakers().get("inventory");
        assertThat(inventory.getState()).isEqualTo("CLOSED");
        assertThat(inventory.getNextRetryAt()).isNull();
        assertThat(inventory.getRetryAfterSeconds()).isZero();
        assertThat(inventory.getHealthScore()).isEqualTo(1.0);
    }

    @Test
    void breakersWhenRetryTimeHasPassedShouldShowHalfOpen() {
        trip(this.registry.breaker("payment"));
        this.clock.advance(Duration.ofSeconds(30));
        CircuitBreakersDescriptor descriptor = this.endpoint.breakers();
        assertThat(descriptor.summary().halfOpen()).isEqualTo(1);
        assertThat(descriptor.summary().halfOpenBreakers()).containsExactly("payment");
        assertThat(descriptor.summary().openBreakers()).isEmpty();
        assertThat(descriptor.breakers().get("payment").getNextRetryAt()).isNull();
    }

    @Test
    void breakerShouldAddEffectiveConfigAndKeyedChildren() {
        CircuitBreaker payment = this.registry.breaker("payment");
        payment.child("user-1").get(() -> "ok");
        trip(payment.child("user-2"));
        payment.child("user-3").forceOpen();
        BreakerDetailDescriptor detail = this.endpoint.breaker("payment");
        assertThat(detail).isNotNull();
        assertThat(detail.getState()).isEqualTo("CLOSED");
        assertThat(detail.getConfig()).containsEntry("minimum-calls", 2)
            .containsEntry("wait-in-open", "PT30S")
            .containsEntry("slow-call-duration", null);
        assertThat(detail.getKeys()).isNotNull();
        assertThat(detail.getKeys().count()).isEqualTo(3);
        assertThat(detail.getKeys().open()).containsExactly("user-2", "user-3");
        assertThat(detail.getKeys().halfOpen()).isEmpty();
    }

    @Test
    void breakerShouldSayWhenANewWindowShapeStartedItsWindowEmpty() {
        assertThat(this.endpoint.breaker("payment").getWindowReset()).isNull();
        this.clock.advance(Duration.ofSeconds(5));
        this.registry.reconfigure("payment", this.registry.configFor("payment").toBuilder().countWindow(50).build());
        BreakerDetailDescriptor payment = this.endpoint.breaker("payment");
        assertThat(payment.getWindowReset()).isEqualTo("2026-01-01T00:00:05Z");
        assertThat(payment.getConfig()).containsEntry("sliding-window.size", 50);
    }

    @Test
    void breakerWithoutKeyedChildrenShouldHaveNoKeys() {
        BreakerDetailDescriptor detail = this.endpoint.breaker("inventory");
        assertThat(detail).isNotNull();
        assertThat(detail.getKeys()).isNull();
    }

    @Test
    void breakerWhenUnknownShouldReturnNullAndCreateNothing() {
        assertThat(this.endpoint.breaker("unknown")).isNull();
        assertThat(this.registry.names()).doesNotContain("unknown");
    }

    @Test
    void childShouldDescribeTheKeyedChild() {
        trip(this.registry.breaker("payment", "user-2"));
        BreakerDescriptor child = this.endpoint.child("payment", "user-2");
        assertThat(child).isNotNull();
        assertThat(child.getState()).isEqualTo("OPEN");
        assertThat(child.getFailures()).isEqualTo(2);
    }

    @Test
    void childWhenUnknownShouldReturnNullAndCreateNothing() {
        assertThat(this.endpoint.child("payment", "nobody")).isNull();
        assertThat(this.endpoint.child("unknown", "nobody")).isNull();
        assertThat(this.registry.breaker("payment").childCount()).isZero();
        assertThat(this.registry.names()).doesNotContain("unknown");
    }

    @Test
    void operateShouldApplyEachAction() {
        CircuitBreaker payment = this.registry.breaker("payment");
        assertThat(operate("payment", "force-open").getState()).isEqualTo("FORCED_OPEN");
        assertThat(payment.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(operate("payment", "FORCE-CLOSE").getState()).isEqualTo("FORCED_CLOSED");
        assertThat(payment.state()).isEqualTo(CircuitState.FORCED_CLOSED);
        assertThat(operate("payment", "reset").getState()).isEqualTo("CLOSED");
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void operateWhenResetShouldCloseAnOpenBreaker() {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        BreakerDescriptor after = operate("payment", "reset");
        assertThat(after.getState()).isEqualTo("CLOSED");
        assertThat(after.getNextRetryAt()).isNull();
        assertThat(payment.get(() -> "runs")).isEqualTo("runs");
    }

    @Test
    void operateChildShouldApplyTheActionToTheChildOnly() {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment.child("user-2"));
        assertThat(operateChild("payment", "user-2", "reset").getState()).isEqualTo("CLOSED");
        operateChild("payment", "user-2", "force-open");
        assertThat(payment.child("user-2").state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void operateWhenUnknownBreakerOrKeyShouldReturnNullAndCreateNothing() {
        assertThat(operate("unknown", "reset")).isNull();
        assertThat(operateChild("payment", "nobody", "reset")).isNull();
        assertThat(this.registry.names()).doesNotContain("unknown");
        assertThat(this.registry.breaker("payment").childCount()).isZero();
    }

    @Test
    void operateWhenActionIsUnknownShouldListTheValidOnes() {
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> operate("payment", "explode"))
            .withMessage("Unknown action 'explode'; valid actions are reset, force-open, force-close")
            .satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ex.getMessage()));
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void operateWhenActionIsMissingShouldListTheValidOnes() {
        this.registry.breaker("payment", "user-1");
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> operateChild("payment", "user-1", null))
            .withMessage("Missing action; valid actions are reset, force-open, force-close");
    }

    @Test
    void operateWhenActionIsHugeShouldEchoABoundedPieceOfIt() {
        String huge = "x".repeat(1_000_000);
        assertThatExceptionOfType(InvalidEndpointRequestException.class)
            .isThrownBy(() -> operate("payment", huge))
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400)
                .contains("x".repeat(200) + "... (1000000 characters)'"));
    }

    @Test
    void breakerWithManyOpenChildrenShouldListAtMostOneHundredBoundedKeysWithTheTotal() {
        CircuitBreaker bot = this.registry.breaker("payment");
        for (int i = 0; i < 150; i++) {
            trip(bot.child(String.format("%03d", i) + "k".repeat(7_000)));
        }
        BreakerDetailDescriptor detail = this.endpoint.breaker("payment");
        assertThat(detail.getKeys().count()).isEqualTo(150);
        assertThat(detail.getKeys().openTotal()).isEqualTo(150);
        assertThat(detail.getKeys().open()).hasSize(100)
            .allSatisfy((key) -> assertThat(key).hasSizeLessThan(230).endsWith("... (7003 characters)"));
        assertThat(detail.getKeys().open().get(99)).startsWith("099k");
        assertThat(detail.getKeys().halfOpenTotal()).isZero();
    }

    @Test
    void breakerWithKeyedChildrenShouldSumTheirCallsAsTheMetersDo() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        new CircuitBreakerMeterBinder(this.registry).bindTo(meters);
        CircuitBreaker payment = this.registry.breaker("payment");
        payment.run(() -> {
        });
        payment.child("alice").run(() -> {
        });
        trip(payment.child("bob"));
        assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> payment.child("bob").run(() -> {
        }));
        BreakerDetailDescriptor detail = this.endpoint.breaker("payment");
        assertThat(detail.getCalls()).isEqualTo(1);
        assertThat(detail.getChildren()).isEqualTo(new ChildrenDescriptor(3, 1, 2, 1));
        long meteredCalls = meters.get("breaker.calls").tag("name", "payment").timers().stream()
            .filter((timer) -> !"rejected".equals(timer.getId().getTag("outcome")))
            .mapToLong(Timer::count)
            .sum();
        double meteredRejections = meters.get("breaker.calls").tags("name", "payment", "outcome", "rejected").timer().count();
        assertThat(meteredCalls).isEqualTo(detail.getCalls() + detail.getChildren().calls());
        assertThat((long) meteredRejections).isEqualTo(detail.getRejections() + detail.getChildren().rejections());
    }

    @Test
    void breakerWithoutKeyedCallsShouldHaveNoChildrenTotals() {
        this.registry.breaker("payment").run(() -> {
        });
        assertThat(this.endpoint.breaker("payment").getChildren()).isNull();
    }

    @Test
    void breakerWithAStoreInThisInstanceShouldShowNoSharedBlock() {
        assertThat(this.endpoint.breaker("payment").getShared()).isNull();
    }

    @Test
    void breakerWithAnOpenQuorumShouldShowWhereItStands() {
        StateStore quorumOfTwo = new StateStore() {
            @Override
            public @Nullable SharedState load(BreakerId id) {
                return null;
            }

            @Override
            public void publish(String instanceId, BreakerId id, SharedState state) {
            }

            @Override
            public void subscribe(String instanceId, SharedStateListener listener) {
            }

            @Override
            public boolean tryAcquireTrialPermit(BreakerId id, long round, int permitted) {
                return true;
            }

            @Override
            public void releaseTrialPermit(BreakerId id, long round) {
            }

            @Override
            public OpenQuorum openQuorum(BreakerId id) {
                return new OpenQuorum(id.name().equals("payment") ? 1 : 0, 2);
            }
        };
        CircuitBreakerRegistry shared = CircuitBreakerRegistry.builder().stateStore(quorumOfTwo).build();
        shared.breaker("payment");
        assertThat(new CircuitBreakersEndpoint(shared).breaker("payment").getShared()).isEqualTo(new OpenQuorum(1, 2));
    }

    @Test
    void operateWithDurationAndReasonShouldForceUntilThenAndSayWhoAndWhy() {
        Instant at = this.clock.instant();
        BreakerDetailDescriptor forced = this.endpoint.operate("payment", "force-open", "10m", "provider maintenance",
                signedIn("alice"));
        assertThat(forced.getState()).isEqualTo("FORCED_OPEN");
        assertThat(forced.getOverride()).isEqualTo(new OverrideDescriptor("force-open", "provider maintenance", "alice",
                at.toString(), at.plus(Duration.ofMinutes(10)).toString()));
        assertThat(forced.getLastTransitions()).first()
            .satisfies((transition) -> assertThat(transition.detail()).contains("alice").contains("provider maintenance"));
        this.clock.advance(Duration.ofMinutes(10));
        BreakerDetailDescriptor expired = this.endpoint.breaker("payment");
        assertThat(expired.getState()).isEqualTo("CLOSED");
        assertThat(expired.getOverride()).isNull();
        assertThat(expired.getLastTransitions().get(0).reason()).isEqualTo(TransitionReason.OVERRIDE_EXPIRED.name());
    }

    @Test
    void operateWithoutDurationShouldForceUntilReleasedWithNoOneNamedWhenNobodySignedIn() {
        this.registry.breaker("payment", "user-1");
        this.endpoint.operateChild("payment", "user-1", "force-close", null, "  ", SecurityContext.NONE);
        OverrideDescriptor override = this.endpoint.child("payment", "user-1").getOverride();
        assertThat(override.action()).isEqualTo("force-close");
        assertThat(override.until()).isNull();
        assertThat(override.reason()).isNull();
        assertThat(override.by()).isNull();
    }

    @Test
    void operateShouldAcceptDurationsFromOneSecondToSevenDaysInSpringBootsForms() {
        Map.of("1s", Duration.ofSeconds(1), "30s", Duration.ofSeconds(30), "10m", Duration.ofMinutes(10), "PT10M",
                Duration.ofMinutes(10), "7d", Duration.ofDays(7), " 168h ", Duration.ofHours(168))
            .forEach((written, duration) -> {
                operate("payment", "reset");
                this.endpoint.operate("payment", "force-open", written, null, SecurityContext.NONE);
                assertThat(this.registry.breaker("payment").override().orElseThrow().until()).as(written)
                    .isEqualTo(this.clock.instant().plus(duration));
            });
    }

    @Test
    void operateWithDurationOutOfRangeOrUnreadableShouldNameTheField() {
        for (String duration : new String[] { "0s", "999ms", "7d1s", "8d", "soon", "10", "-5m" }) {
            assertThatExceptionOfType(InvalidOperationException.class).as(duration)
                .isThrownBy(() -> this.endpoint.operate("payment", "force-open", duration, null, SecurityContext.NONE))
                .satisfies((ex) -> assertThat(ex.getField()).isEqualTo("duration"))
                .withMessage("Invalid duration '" + duration
                        + "'; write a duration from 1s to 7d with a unit, such as 30s, 10m, 2h or PT10M");
        }
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void operateWithHugeDurationShouldEchoABoundedPieceOfIt() {
        assertThatExceptionOfType(InvalidOperationException.class)
            .isThrownBy(() -> this.endpoint.operate("payment", "force-open", "9".repeat(100_000) + "x", null,
                    SecurityContext.NONE))
            .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400).contains("(100001 characters)"));
    }

    @Test
    void operateWithReasonOverTwoHundredCharactersShouldNameTheField() {
        this.endpoint.operate("payment", "force-open", null, "r".repeat(200), SecurityContext.NONE);
        assertThat(this.registry.breaker("payment").override().orElseThrow().reason()).hasSize(200);
        assertThatExceptionOfType(InvalidOperationException.class)
            .isThrownBy(() -> this.endpoint.operate("payment", "force-close", null, "r".repeat(201),
                    SecurityContext.NONE))
            .satisfies((ex) -> assertThat(ex.getField()).isEqualTo("reason"))
            .withMessageEndingWith("': at most 200 characters");
        assertThat(this.registry.breaker("payment").state()).isEqualTo(CircuitState.FORCED_OPEN);
    }

    @Test
    void resetWithDurationOrReasonShouldNameTheField() {
        assertThatExceptionOfType(InvalidOperationException.class)
            .isThrownBy(() -> this.endpoint.operate("payment", "reset", "10m", null, SecurityContext.NONE))
            .satisfies((ex) -> assertThat(ex.getField()).isEqualTo("duration"));
        assertThatExceptionOfType(InvalidOperationException.class)
            .isThrownBy(() -> this.endpoint.operate("payment", "reset", null, "why not", SecurityContext.NONE))
            .satisfies((ex) -> assertThat(ex.getField()).isEqualTo("reason"));
    }

    @Test
    void detailShouldListTheLatestTransitionsNewestFirstWithTheirReasonAndDetail() {
        CircuitBreaker payment = this.registry.breaker("payment");
        trip(payment);
        Instant openedAt = this.clock.instant();
        this.clock.advance(Duration.ofSeconds(30));
        payment.get(() -> "ok");
        assertThat(this.endpoint.breaker("payment").getLastTransitions()).extracting(TransitionDescriptor::to)
            .containsExactly("HALF_OPEN", "OPEN");
        TransitionDescriptor opened = this.endpoint.breaker("payment").getLastTransitions().get(1);
        assertThat(opened).isEqualTo(new TransitionDescriptor("CLOSED", "OPEN", "FAILURE_RATE",
                "failure rate 100% >= 50% over 2 calls", openedAt.toString()));
        for (int i = 0; i < 30; i++) {
            payment.forceOpen();
            payment.reset();
        }
        assertThat(this.endpoint.breaker("payment").getLastTransitions()).hasSize(20);
    }

    @Test
    void detailOfAKeyedChildShouldListItsOwnTransitionsEscapedAndBounded() {
        this.registry.breaker("payment", "user-1");
        this.endpoint.operateChild("payment", "user-1", "force-open", null, "line one\nforged line", signedIn("bob"));
        assertThat(this.endpoint.child("payment", "user-1").getLastTransitions()).singleElement()
            .satisfies((transition) -> assertThat(transition.detail()).isEqualTo(
                    "forced open by bob: line one\\nforged line"));
        assertThat(this.endpoint.breaker("payment").getLastTransitions()).isEmpty();
        this.registry.breaker("payment", "user-2").forceOpen(null, "x".repeat(10_000), "y".repeat(10_000));
        assertThat(this.endpoint.child("payment", "user-2").getLastTransitions().get(0).detail())
            .hasSizeLessThan(UntrustedText.MAX_DETAIL_LENGTH + 30);
    }

    @Test
    void breakerInShadowModeShouldShowItsModeAndTheCallsItWouldHaveRejected() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
            .clock(this.clock)
            .config("search", CircuitBreakerConfig.builder().minimumCalls(2).mode(BreakerMode.SHADOW).build())
            .build();
        CircuitBreakersEndpoint endpoint = new CircuitBreakersEndpoint(registry);
        CircuitBreaker search = registry.breaker("search");
        trip(search);
        assertThat(search.get(() -> "ran")).isEqualTo("ran");
        BreakerDescriptor descriptor = endpoint.breakers().breakers().get("search");
        assertThat(descriptor.getMode()).isEqualTo("shadow");
        assertThat(descriptor.getState()).isEqualTo("OPEN");
        assertThat(descriptor.getShadowRejections()).isEqualTo(1);
        assertThat(descriptor.getRejections()).isZero();
        assertThat(this.endpoint.breakers().breakers().get("payment").getMode()).isEqualTo("enforce");
    }

    private BreakerDetailDescriptor operate(String name, String action) {
        return this.endpoint.operate(name, action, null, null, SecurityContext.NONE);
    }

    private BreakerDetailDescriptor operateChild(String name, String key, String action) {
        return this.endpoint.operateChild(name, key, action, null, null, SecurityContext.NONE);
    }

    private static SecurityContext signedIn(String name) {
        Principal principal = () -> name;
        return new SecurityContext() {

            @Override
            public Principal getPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

        };
    }

}
