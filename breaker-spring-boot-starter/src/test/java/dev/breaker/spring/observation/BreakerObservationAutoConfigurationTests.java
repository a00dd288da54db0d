package dev.breaker.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import dev.breaker.spring.autoconfigure.CircuitProtectedAutoConfiguration;
import dev.breaker.spring.metrics.CircuitBreakerMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class BreakerObservationAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, ObservationAutoConfiguration.class,
                MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                BreakerAutoConfiguration.class, CircuitProtectedAutoConfiguration.class,
                BreakerObservationAutoConfiguration.class, CircuitBreakerMetricsAutoConfiguration.class))
        .withUserConfiguration(PaymentConfiguration.class)
        .withPropertyValues("breaker.instances.payment.consecutive-failures-threshold=1",
                "breaker.instances.payment.backoff.jitter=0");

    @Test
    void runWithObservationRegistryShouldObserveAnnotatedCalls() {
        this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
            context.getBean(PaymentService.class).pay("order-1");
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                .hasNumberOfObservationsWithNameEqualTo("breaker.calls", 1)
                .hasObservationWithNameEqualTo("breaker.calls")
                .that()
                .hasLowCardinalityKeyValue("name", "payment")
                .hasLowCardinalityKeyValue("outcome", "success");
        });
    }

    @Test
    void timerShouldComeFromTheObservationOnceWithTheDurationTheBreakerMeasured() {
        this.contextRunner.run((context) -> {
            PaymentService payments = context.getBean(PaymentService.class);
            payments.pay("order-1");
            ManualClock clock = context.getBean(ManualClock.class);
            context.getBean(CircuitBreakerRegistry.class).breaker("payment").get(() -> {
                clock.advance(Duration.ofMillis(30));
                return "through the core API";
            });
            Timer successes = context.getBean(MeterRegistry.class)
                .get("breaker.calls")
                .tags("name", "payment", "outcome", "success")
                .timer();
            assertThat(successes.count()).isEqualTo(2);
            assertThat(successes.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50.0);
            assertThat(successes.getId().getTags()).extracting("key").containsExactly("name", "outcome");
        });
    }

    @Test
    void observationsShouldAddNoMeterOfTheirOwn() {
        this.contextRunner.run((context) -> {
            context.getBean(PaymentService.class).pay("order-1");
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("breaker.calls").timers()).allSatisfy(
                    (timer) -> assertThat(timer.getId().getTags()).extracting("key").containsExactly("name", "outcome"));
            assertThat(meters.find("breaker.calls.active").meters()).isEmpty();
        });
    }

    @Test
    void rejectedAnnotatedCallShouldBeCountedOnce() {
        this.contextRunner.run((context) -> {
            PaymentService payments = context.getBean(PaymentService.class);
            payments.failNext();
            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> payments.pay("order-1"));
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> payments.pay("order-2"));
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("breaker.calls").tags("name", "payment", "outcome", "failure").timer().count())
                .isEqualTo(1);
            assertThat(meters.get("breaker.calls").tags("name", "payment", "outcome", "rejected").timer().count())
                .isEqualTo(1);
        });
    }

    @Test
    void runWithConventionBeanShouldUseIt() {
        this.contextRunner.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withBean(BreakerObservationConvention.class, BreakerObservationsTests.TeamConvention::new)
            .run((context) -> {
                context.getBean(PaymentService.class).pay("order-1");
                TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasObservationWithNameEqualTo("team.breaker.calls");
            });
    }

    @Test
    void runWithoutObservationRegistryShouldRecordTheTimerFromTheBinder() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, BreakerAutoConfiguration.class,
                    CircuitProtectedAutoConfiguration.class, BreakerObservationAutoConfiguration.class,
                    CircuitBreakerMetricsAutoConfiguration.class))
            .withUserConfiguration(PaymentConfiguration.class)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(BreakerObservations.class);
                context.getBean(PaymentService.class).pay("order-1");
                assertThat(context.getBean(MeterRegistry.class)
                    .get("breaker.calls")
                    .tags("name", "payment", "outcome", "success")
                    .timer()
                    .count()).isEqualTo(1);
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class PaymentConfiguration {

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        PaymentService paymentService(ManualClock clock) {
            return new PaymentService(clock);
        }

    }

    static class PaymentService {

        private final ManualClock clock;

        private volatile boolean failNext;

        PaymentService(ManualClock clock) {
            this.clock = clock;
        }

        void failNext() {
            this.failNext = true;
        }

        @CircuitProtected(name = "payment")
        public String pay(String order) {
            this.clock.advance(Duration.ofMillis(20));
            if (this.failNext) {
                this.failNext = false;
                throw new IllegalStateException("declined " + order);
            }
            return "paid " + order;
        }

    }

}
