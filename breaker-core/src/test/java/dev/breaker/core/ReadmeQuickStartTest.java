package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs the quick start of the README, and checks that the README shows exactly this code, so
 * that the two cannot drift apart.
 */
class ReadmeQuickStartTest {

    private final AtomicInteger downstreamCalls = new AtomicInteger();

    @Test
    void quickStartRunsAsTheReadmeSays() {
        ManualClock clock = new ManualClock();
        // quick-start:begin
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
            .config("payment", CircuitBreakerConfig.builder()
                .failureRateThreshold(0.6)       // trip at 60% failures...
                .minimumCalls(3)                 // ...once the window holds 3 calls
                .countWindow(20)
                .waitInOpen(Duration.ofSeconds(30))
                .build())
            .clock(clock)                        // leave out for the system clock
            .build();
        CircuitBreaker payment = registry.breaker("payment");

        String quote;
        try {
            quote = payment.get(() -> fetchQuote());
        }
        catch (CircuitOpenException ex) {
            // rejected without calling the downstream; ex.getRetryAfter() says when to come back
            quote = "cached quote";
        }
        catch (RuntimeException ex) {
            quote = "cached quote";          // the downstream failed; the breaker counted it
        }

        CircuitBreakerStats stats = payment.stats();
        System.out.println(payment.state() + " health=" + stats.healthScore() + " next retry=" + stats.nextRetryAt());
        // quick-start:end
        assertThat(quote).isEqualTo("cached quote");
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
        for (int i = 0; i < 2; i++) {
            try {
                payment.get(this::fetchQuote);
            }
            catch (IllegalStateException ex) {
                // failing downstream
            }
        }
        assertThat(payment.state()).isEqualTo(CircuitState.OPEN);
        assertThat(payment.stats().healthScore()).isZero();
        int callsBefore = downstreamCalls.get();
        String rejected;
        try {
            rejected = payment.get(this::fetchQuote);
        }
        catch (CircuitOpenException ex) {
            assertThat(ex.getRetryAfter()).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33)); // 30s +-10% jitter
            rejected = "cached quote";
        }
        assertThat(rejected).isEqualTo("cached quote");
        assertThat(downstreamCalls.get()).isEqualTo(callsBefore);
    }

    @Test
    void readmeShowsTheQuickStartCode() throws IOException {
        List<String> test = Files.readAllLines(Path.of("src/test/java/dev/breaker/core/ReadmeQuickStartTest.java"),
                StandardCharsets.UTF_8);
        List<String> code = test.subList(indexOf(test, "// quick-start:begin") + 1, indexOf(test, "// quick-start:end"))
            .stream().map(line -> line.length() >= 8 ? line.substring(8) : line.strip()).toList();
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(String.join("\n", code));
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker not found: " + marker);
    }

    private String fetchQuote() {
        downstreamCalls.incrementAndGet();
        throw new IllegalStateException("payment provider is down");
    }
}
