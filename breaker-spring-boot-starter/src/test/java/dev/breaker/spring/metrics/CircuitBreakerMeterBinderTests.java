package dev.breaker.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.AdmittedCall;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CircuitBreakerMeterBinderTests {

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .defaults(CircuitBreakerConfig.builder().minimumCalls(2).waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0).build())
        .config("payment", CircuitBreakerConfig.builder().minimumCalls(2).waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0).build())
        .build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void bindToShouldRegisterGaugesOfExistingBreakers() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        assertThat(state("payment", "closed")).isEqualTo(1.0);
        assertThat(state("payment", "open")).isZero();
        assertThat(state("payment", "half_open")).isZero();
        assertThat(state("payment", "forced_open")).isZero();
        assertThat(state("payment", "forced_closed")).isZero();
        assertThat(gauge("breaker.health.score", "payment")).isEqualTo(1.0);
        assertThat(gauge("breaker.next.retry", "payment")).isZero();
        assertThat(gauge("breaker.failure.rate", "payment")).isZero();
        assertThat(gauge("breaker.keys", "payment")).isZero();
        assertThat(gauge("breaker.keys.open", "payment")).isZero();
        assertThat(this.meters.get("breaker.next.retry").gauge().getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(this.meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getDescription()).isNotBlank());
    }

    @Test
    void bindToShouldRegisterGaugesOfBreakersCreatedLater() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        assertThat(this.meters.find("breaker.state").tag("name", "inventory").gauges()).isEmpty();
        this.breakers.breaker("inventory");
        assertThat(state("inventory", "closed")).isEqualTo(1.0);
        assertThat(this.meters.get("breaker.calls").tag("name", "inventory").timers())
            .extracting((timer) -> timer.getId().getTag("outcome"))
            .containsExactlyInAnyOrder("success", "failure", "ignored", "timeout", "rejected", "shadow_rejected");
    }

    @Test
    void gaugesShouldFollowTheStateAndTheRetryTime() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        CircuitBreaker payment = this.breakers.breaker("payment");
        payment.get(() -> "ok");
        fail(payment);
        assertThat(gauge("breaker.failure.rate", "payment")).isEqualTo(0.5);
        assertThat(gauge("breaker.health.score", "payment")).isEqualTo(0.5);
        fail(payment);
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        this.clock.advance(Duration.ofMillis(17_500));
        assertThat(state("payment", "open")).isEqualTo(1.0);
        assertThat(state("payment", "closed")).isZero();
        assertThat(gauge("breaker.next.retry", "payment")).isEqualTo(12.5);
        this.clock.advance(Duration.ofMillis(12_500));
        assertThat(state("payment", "open")).isZero();
        assertThat(state("payment", "half_open")).isEqualTo(1.0);
        assertThat(gauge("breaker.next.retry", "payment")).isZero();
        payment.forceOpen();
        assertThat(state("payment", "forced_open")).isEqualTo(1.0);
        payment.forceClose();
        assertThat(state("payment", "forced_closed")).isEqualTo(1.0);
    }

    @Test
    void callsShouldBeTimedByOutcome() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        CircuitBreaker payment = this.breakers.breaker("payment");
        AdmittedCall call = payment.admit();
        this.clock.advance(Duration.ofMillis(40));
        call.succeeded();
        call = payment.admit();
        this.clock.advance(Duration.ofMillis(30));
        call.succeeded();
        call = payment.admit();
        this.clock.advance(Duration.ofMillis(10));
        call.failed(new IllegalStateException("down"));
        call = payment.admit();
        this.clock.advance(Duration.ofMillis(20));
        call.timedOut();
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        fail(payment);
        Timer success = calls("payment", "success");
        assertThat(success.count()).isEqualTo(2);
        assertThat(success.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(70.0);
        assertThat(calls("payment", "failure").count()).isEqualTo(1);
        assertThat(calls("payment", "timeout").count()).isEqualTo(1);
        assertThat(calls("payment", "rejected").count()).isEqualTo(1);
        assertThat(calls("payment", "ignored").count()).isZero();
    }

    @Test
    void transitionsShouldBeCountedByFromAndTo() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        CircuitBreaker payment = this.breakers.breaker("payment");
        fail(payment);
        fail(payment);
        payment.reset();
        fail(payment);
        fail(payment);
        assertThat(this.meters.get("breaker.transitions")
            .tags("name", "payment", "from", "closed", "to", "open")
            .counter()
            .count()).isEqualTo(2.0);
        assertThat(this.meters.get("breaker.transitions")
            .tags("name", "payment", "from", "open", "to", "closed")
            .counter()
            .count()).isEqualTo(1.0);
    }

    @Test
    void keyedChildrenShouldCountTowardsTheirBreakerWithoutAKeyTag() {
        new CircuitBreakerMeterBinder(this.breakers).bindTo(this.meters);
        CircuitBreaker payment = this.breakers.breaker("payment");
        payment.child("user-1").get(() -> "ok");
        fail(payment.child("user-2"));
        fail(payment.child("user-2"));
        payment.child("user-3").forceOpen();
        assertThat(gauge("breaker.keys", "payment")).isEqualTo(3.0);
        assertThat(gauge("breaker.keys.open", "payment")).isEqualTo(2.0);
        assertThat(calls("payment", "success").count()).isEqualTo(1);
        assertThat(calls("payment", "failure").count()).isEqualTo(2);
        assertThat(this.meters.get("breaker.transitions")
            .tags("name", "payment", "from", "closed", "to", "open")
            .counter()
            .count()).isEqualTo(1.0);
        assertThat(this.meters.getMeters()).extracting(Meter::getId)
            .allSatisfy((id) -> assertThat(id.getTags()).extracting(Tag::getKey)
                .allSatisfy((tag) -> assertThat(tag).isIn("name", "state", "outcome", "from", "to")))
            .allSatisfy((id) -> assertThat(id.getTag("name")).isEqualTo("payment"));
    }

    private double state(String name, String state) {
        return this.meters.get("breaker.state").tags("name", name, "state", state).gauge().value();
    }

    private double gauge(String meter, String name) {
        return this.meters.get(meter).tag("name", name).gauge().value();
    }

    private Timer calls(String name, String outcome) {
        return this.meters.get("breaker.calls").tags("name", name, "outcome", outcome).timer();
    }

    private static void fail(CircuitBreaker breaker) {
        try {
            breaker.run(() -> {
                throw new IllegalStateException("down");
            });
        }
        catch (RuntimeException expected) {
            // a failure, or a rejection once the breaker is open
        }
    }

}
