package dev.breaker.spring.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.BreakerReconfiguredEvent;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

/** Every reconfiguration is published as an application event and logged once. */
@ExtendWith(OutputCaptureExtension.class)
class ReconfigurationEventsTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class))
        .withUserConfiguration(ListenerConfiguration.class)
        .withPropertyValues("breaker.instances.payment.failure-rate-threshold=0.5");

    @Test
    void reconfigurationShouldBePublishedWithEachChangedSetting() {
        this.contextRunner.run((context) -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            registry.reconfigure("payment", registry.configFor("payment").toBuilder().failureRateThreshold(0.8).build());
            List<BreakerReconfiguredEvent> events = context.getBean(ListenerConfiguration.class).events;
            assertThat(events).singleElement().satisfies((event) -> {
                assertThat(event.breakerName()).isEqualTo("payment");
                assertThat(event.changes()).containsOnlyKeys("failure-rate-threshold");
                assertThat(event.changes().get("failure-rate-threshold"))
                    .isEqualTo(new BreakerReconfiguredEvent.Change(0.5, 0.8));
                assertThat(event.at()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            });
        });
    }

    @Test
    void reconfigurationShouldBeLoggedOnceAtInfoWithOldAndNewValues(CapturedOutput output) {
        this.contextRunner.run((context) -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            registry.reconfigure("payment", registry.configFor("payment").toBuilder().failureRateThreshold(0.8)
                .countWindow(50).build());
            assertThat(output.getOut().lines().filter((line) -> line.contains("reconfigured"))).singleElement()
                .asString()
                .contains("INFO")
                .endsWith("Circuit breaker 'payment' reconfigured: failure-rate-threshold 0.5 -> 0.8, "
                        + "sliding-window.size 100 -> 50 [windowReset=true]");
        });
    }

    @Test
    void logLineShouldEscapeAndBoundWhatItRepeats() {
        CircuitBreakerConfig config = CircuitBreakerConfig.defaults();
        String name = "bot\nINFO forged line " + "x".repeat(300);
        BreakerReconfiguredEvent event = new BreakerReconfiguredEvent(name, config, config,
                Map.of("record-exceptions", new BreakerReconfiguredEvent.Change("[]", "[" + "y".repeat(250) + "]")),
                false, Instant.EPOCH);
        String line = ReconfigurationLogger.message(event);
        assertThat(line).doesNotContain("\n").contains("bot\\nINFO forged line").contains("(321 characters)")
            .contains("' reconfigured: record-exceptions [] -> [yyy")
            .endsWith("... (252 characters) [windowReset=false]");
    }

    @Configuration(proxyBeanMethods = false)
    static class ListenerConfiguration {

        final List<BreakerReconfiguredEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        ManualClock clock() {
            return new ManualClock();
        }

        @Bean
        ApplicationListener<CircuitBreakerReconfiguredEvent> reconfigurations() {
            return (event) -> this.events.add(event.getReconfiguration());
        }

    }

}
