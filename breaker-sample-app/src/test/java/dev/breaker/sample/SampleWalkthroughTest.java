package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Runs every command of the README's walkthrough against the app over real HTTP, in order, and
 * compares what each prints with what the README shows, so that the README stays true. Time
 * moves through a {@link ManualClock} ({@code sleep} advances it). Values that depend on the
 * moment of the run or on the backoff's random jitter (instants, seconds until a retry, time
 * spent open) are compared by their shape only. A block that starts with a log level is a log
 * excerpt: its message must have been logged.
 *
 * <p>With {@code -Dwalkthrough.update=true} the test writes what the commands printed into the
 * README instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleWalkthroughTest {

    private static final Path README = Path.of("README.md");

    private static final String[][] VOLATILE = {
        { "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>" },
        { "(retry in )\\d+s", "$1<seconds>s" },
        { "(Retry-After: )\\d+", "$1<seconds>" },
        { "(\"retryAfterSeconds\": ?)\\d+", "$1<seconds>" },
        { "(\"timeInOpenSeconds\": ?)[\\d.]+", "$1<seconds>" },
        { "(breaker_next_retry_seconds\\{[^}]*} )[\\d.E-]+", "$1<seconds>" } };

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    @Test
    void everyCommandOfTheReadmePrintsWhatTheReadmeShows(CapturedOutput log) throws IOException {
        WalkthroughShell shell = new WalkthroughShell(new Http(this.port), this.clock);
        List<String> lines = Files.readAllLines(README);
        List<String> updated = new ArrayList<>();
        int commands = 0;
        int walkthrough = lines.indexOf("## Walkthrough");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            updated.add(line);
            if (i < walkthrough || !line.startsWith("$ ")) {
                if (i > walkthrough && line.matches("(WARN|INFO) \\.\\.\\. .*")) {
                    String message = line.substring(line.indexOf(" : ") + 3);
                    assertThat(normalized(log.getOut())).as("logged").contains(normalized(message));
                }
                continue;
            }
            List<String> shown = new ArrayList<>();
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ") && !lines.get(i + 1).equals("```")) {
                shown.add(lines.get(++i));
            }
            String printed = shell.run(line.substring(2));
            commands++;
            if (Boolean.getBoolean("walkthrough.update")) {
                printed.lines().map(String::stripTrailing).forEach(updated::add);
            }
            else {
                assertThat(normalized(printed)).as(line).isEqualTo(normalized(String.join("\n", shown)));
            }
        }
        if (Boolean.getBoolean("walkthrough.update")) {
            Files.write(README, updated);
        }
        assertThat(commands).as("commands in the walkthrough").isGreaterThan(20);
    }

    private static String normalized(String text) {
        String result = text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
        for (String[] rule : VOLATILE) {
            result = result.replaceAll(rule[0], rule[1]);
        }
        return result;
    }

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock breakerClock() {
            return new ManualClock();
        }
    }
}
