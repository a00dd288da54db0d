package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample started as a user would, with the settings the README offers and the mistakes a
 * user makes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleStartupTest {

    @Test
    void healthContributorSwitchedOffShouldLeaveReadinessWithoutIt() {
        try (ConfigurableApplicationContext context = start("--management.health.circuitbreakers.enabled=false")) {
            Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
            var readiness = http.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("readinessState").doesNotContain("circuitBreakers");
        }
    }

    @Test
    void mistypedPropertyShouldStopTheSampleNamingTheClosestKnownProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--breaker.instances.payment.failure-rate-thresold=0.5").close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.failure-rate-thresold")
            .contains("the closest known property is breaker.instances.payment.failure-rate-threshold");
    }

    @Test
    void mistypedDefaultsShouldStopTheSample(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--breaker.defualts.wait-in-open=10s").close());
        assertThat(output).contains("the closest known property is breaker.defaults.wait-in-open");
    }

    @Test
    void durationWithoutUnitShouldStopTheSampleWithTheFix(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--breaker.instances.payment.wait-in-open=10").close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.wait-in-open")
            .contains("Reason: must be a duration with a unit: write 10s or 10ms");
    }

    @Test
    void instanceNoMethodNamesShouldBeAWarningWithTheClosestName(CapturedOutput output) {
        start("--breaker.instances.pyment.failure-rate-threshold=0.6").close();
        assertThat(output).contains("Circuit breaker 'pyment' is configured under breaker.instances but no "
                + "@CircuitProtected method names it; the closest name in use is 'payment'");
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(args, 0, all, 1, args.length);
        return SpringApplication.run(SampleApplication.class, all);
    }
}
