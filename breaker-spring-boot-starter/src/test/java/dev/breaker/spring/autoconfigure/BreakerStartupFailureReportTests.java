package dev.breaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A bad value or an unknown name stops a real application with Spring Boot's failure report.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakerStartupFailureReportTests {

    @Test
    void failureRateThresholdOf50ShouldStopTheApplicationWithAReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException()
            .isThrownBy(() -> application.run("--breaker.instances.payment.failure-rate-threshold=50").close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.failure-rate-threshold")
            .contains("Value: \"50\"")
            .contains("Origin: \"breaker.instances.payment.failure-rate-threshold\" from property source \"commandLineArgs\"")
            .contains("Reason: must be a fraction between 0 (exclusive) and 1 (inclusive), for example 0.5 for 50%")
            .contains("Update your application's configuration: breaker.instances.payment.failure-rate-threshold");
    }

    @Test
    void valueOfTheWrongTypeShouldStopTheApplicationWithSpringBootsBindingReport(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--breaker.instances.payment.minimum-calls=ten").close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.minimum-calls")
            .contains("Value: \"ten\"");
    }

    @Test
    void mistypedPropertyShouldStopTheApplicationNamingTheClosestKnownProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--breaker.instances.payment.failure-rate-thresold=0.5"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.failure-rate-thresold")
            .contains("Origin: \"breaker.instances.payment.failure-rate-thresold\" from property source \"commandLineArgs\"")
            .contains("the closest known property is breaker.instances.payment.failure-rate-threshold");
    }

    @Test
    void durationWithoutUnitShouldStopTheApplicationWithTheFix(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--breaker.instances.payment.wait-in-open=10"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.payment.wait-in-open")
            .contains("Value: \"10\"")
            .contains("Reason: must be a duration with a unit: write 10s or 10ms");
    }

    @Test
    void unknownModeShouldStopTheApplicationNamingTheModes(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--breaker.defaults.mode=dry-run"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.defaults.mode")
            .contains("Value: \"dry-run\"")
            .contains("Reason: must be 'enforce' or 'shadow'");
    }

    @Test
    void mistypedRetryAfterPropertyShouldStopTheApplicationNamingTheClosestKnownProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--breaker.defaults.retry-after.honor=false"));
        assertThat(output).contains("Property: breaker.defaults.retry-after.honor")
            .contains("the closest known property is breaker.defaults.retry-after.honour");
    }

    @Test
    void conflictWrittenInYamlShouldNameTheFileAndLineAndTheDefaultItConflictsWith(CapturedOutput output) {
        assertThatException().isThrownBy(() -> run("--spring.config.name=breaker-window-below-minimum-calls"));
        assertThat(output).contains("Property: breaker.instances.payment.sliding-window.size")
            .contains("Value: \"5\"")
            .contains("Origin: class path resource [breaker-window-below-minimum-calls.yml] - 5:15")
            .contains("Compared with: breaker.instances.payment.minimum-calls, not set, so its default 10 applies");
    }

    private static void run(String... args) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.run(args).close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(BreakerAutoConfiguration.class)
    static class MinimalApplication {

    }
}
