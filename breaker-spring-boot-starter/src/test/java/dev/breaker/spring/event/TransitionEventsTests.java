package dev.breaker.spring.event;

import static dev.breaker.spring.test.Breakers.trip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.core.StateTransition;
import dev.breaker.core.TransitionReason;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every transition is published as an application event and logged once. */
@ExtendWith(OutputCaptureExtension.class)
class TransitionEventsTests {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class))
        .withUserConfiguration(ListenerConfiguration.class)
        .withPropertyValues("breaker.instances.payment.consecutive-failures-threshold=2",
                "breaker.instances.payment.wait-in-open=12s", "breaker.instances.payment.backoff.jitter=0",
                "breaker.instances.payment.half-open.permitted-calls=1",
                "breaker.instances.payment.half-open.success-threshold=1");

    @Test
    void openingShouldBePublishedWithBreakerStatesReasonAndNextRetry() {
        this.contextRunner.run((context) -> {
            trip(context.getBean(CircuitBreakerRegistry.class).breaker("payment"));
            List<StateTransition> transitions = context.getBean(ListenerConfiguration.class).transitions;
            assertThat(transitions).singleElement().satisfies((transition) -> {
                assertThat(transition.breakerName()).isEqualTo("payment");
                assertThat(transition.key()).isNull();
                assertThat(transition.from()).isEqualTo(CircuitState.CLOSED);
                assertThat(transition.to()).isEqualTo(CircuitState.OPEN);
                assertThat(transition.reason()).isEqualTo(TransitionReason.CONSECUTIVE_FAILURES);
                assertThat(transition.nextRetryAt()).isEqualTo(START.plusSeconds(12));
            });
        });
    }

    @Test
    void openingShouldBeLoggedOnceAtWarn(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            trip(context.getBean(CircuitBreakerRegistry.class).breaker("payment"));
            List<String> lines = linesContaining(output, "Circuit breaker 'payment' CLOSED -> OPEN");
            assertThat(lines).singleElement()
                .satisfies((line) -> assertThat(line).contains("WARN")
                    .contains("2 consecutive failures")
                    .contains("reason=CONSECUTIVE_FAILURES")
                    .contains("key=none")
                    .contains("nextRetryAt=2026-01-01T00:00:12Z"));
        });
    }

    @Test
    void recoveryShouldBePublishedAndLoggedAtInfo(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            CircuitBreaker payment = context.getBean(CircuitBreakerRegistry.class).breaker("payment");
            trip(payment);
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(12));
            payment.run(() -> {
            });
            List<StateTransition> transitions = context.getBean(ListenerConfiguration.class).transitions;
            assertThat(transitions).extracting(StateTransition::to)
                .containsExactly(CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.CLOSED);
            assertThat(linesContaining(output, "Circuit breaker 'payment' OPEN -> HALF_OPEN")).singleElement()
                .satisfies((line) -> assertThat(line).contains("INFO").doesNotContain("WARN"));
            assertThat(linesContaining(output, "Circuit breaker 'payment' HALF_OPEN -> CLOSED")).singleElement()
                .satisfies((line) -> assertThat(line).contains("INFO").contains("reason=TRIAL_SUCCEEDED"));
        });
    }

    @Test
    void keyedChildShouldBeNamedInEventAndLog(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            trip(context.getBean(CircuitBreakerRegistry.class).breaker("payment", "user-42"));
            assertThat(context.getBean(ListenerConfiguration.class).transitions).singleElement()
                .satisfies((transition) -> assertThat(transition.key()).isEqualTo("user-42"));
            assertThat(linesContaining(output, "Circuit breaker 'payment' CLOSED -> OPEN")).singleElement()
                .satisfies((line) -> assertThat(line).contains("key=user-42"));
        });
    }

    @Test
    void keyWithLineBreaksShouldBeLoggedEscapedOnOneLine(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            String forged = "mallory\n2026-01-01T00:00:00Z  INFO forged line\r\u001b[31m";
            trip(context.getBean(CircuitBreakerRegistry.class).breaker("payment", forged));
            assertThat(linesContaining(output, "Circuit breaker 'payment' CLOSED -> OPEN")).singleElement()
                .satisfies((line) -> assertThat(line)
                    .contains("key=mallory\\n2026-01-01T00:00:00Z  INFO forged line\\r\\u001b[31m,"));
            assertThat(linesContaining(output, "forged line")).hasSize(1);
        });
    }

    @Test
    void longKeyShouldBeLoggedCut(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            trip(context.getBean(CircuitBreakerRegistry.class).breaker("payment", "k".repeat(7_000)));
            assertThat(linesContaining(output, "Circuit breaker 'payment' CLOSED -> OPEN")).singleElement()
                .satisfies((line) -> assertThat(line).contains("key=" + "k".repeat(200) + "... (7000 characters),")
                    .hasSizeLessThan(600));
        });
    }

    @Test
    void operatorActionsShouldBeLoggedAtInfo(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            CircuitBreaker payment = context.getBean(CircuitBreakerRegistry.class).breaker("payment");
            payment.forceOpen();
            payment.reset();
            assertThat(linesContaining(output, "Circuit breaker 'payment' CLOSED -> FORCED_OPEN")).singleElement()
                .satisfies((line) -> assertThat(line).contains("INFO").contains("reason=FORCED_OPEN"));
            assertThat(linesContaining(output, "Circuit breaker 'payment' FORCED_OPEN -> CLOSED")).singleElement()
                .satisfies((line) -> assertThat(line).contains("INFO").contains("reason=RESET"));
        });
    }

    private static List<String> linesContaining(CapturedOutput output, String text) {
        return output.getOut().lines().filter((line) -> line.contains(text)).toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        final List<StateTransition> transitions = new CopyOnWriteArrayList<>();

        @Bean
        ManualClock clock() {
            return new ManualClock(START);
        }

        @Bean
        ApplicationListener<CircuitBreakerTransitionEvent> recordingListener() {
            return (event) -> this.transitions.add(event.getTransition());
        }
    }
}
