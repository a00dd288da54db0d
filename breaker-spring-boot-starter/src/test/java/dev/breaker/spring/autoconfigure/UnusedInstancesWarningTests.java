package dev.breaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.spring.BreakerNamesInUse;
import dev.breaker.spring.CircuitProtected;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A breaker under {@code breaker.instances} that no {@link CircuitProtected} method names is a
 * WARN at startup with the closest name in use.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnusedInstancesWarningTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, BreakerAutoConfiguration.class,
                CircuitProtectedAutoConfiguration.class))
        .withBean(PaymentClient.class);

    @Test
    void mistypedInstanceShouldBeAWarningNamingTheClosestNameInUse(CapturedOutput output) {
        this.contextRunner.withPropertyValues("breaker.instances.pyment.failure-rate-threshold=0.6")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).contains("WARN")
            .contains("Circuit breaker 'pyment' is configured under breaker.instances but no @CircuitProtected method "
                    + "names it; the closest name in use is 'payment'");
    }

    @Test
    void instanceNamedByAMethodShouldNotBeAWarning(CapturedOutput output) {
        this.contextRunner.withPropertyValues("breaker.instances.payment.failure-rate-threshold=0.6")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("is configured under breaker.instances but");
    }

    @Test
    void instanceNamedByAClassShouldNotBeAWarning(CapturedOutput output) {
        this.contextRunner.withBean(InventoryClient.class)
            .withPropertyValues("breaker.instances.inventory.failure-rate-threshold=0.6")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("is configured under breaker.instances but");
    }

    @Test
    void instanceUsedThroughAnotherDoorShouldNotBeAWarning(CapturedOutput output) {
        this.contextRunner.withBean(BreakerNamesInUse.class, () -> () -> Set.of("stock"))
            .withPropertyValues("breaker.instances.stock.failure-rate-threshold=0.6",
                    "breaker.instances.pyment.failure-rate-threshold=0.6")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("Circuit breaker 'stock' is configured")
            .contains("Circuit breaker 'pyment' is configured under breaker.instances");
    }

    @Test
    void applicationWithoutProtectedMethodsShouldNotBeWarned(CapturedOutput output) {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BreakerAutoConfiguration.class, CircuitProtectedAutoConfiguration.class))
            .withPropertyValues("breaker.instances.pyment.failure-rate-threshold=0.6")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("is configured under breaker.instances but");
    }

    static class PaymentClient {

        @CircuitProtected(name = "payment")
        public String charge() {
            return "charged";
        }
    }

    @CircuitProtected(name = "inventory")
    static class InventoryClient {

        public String stock() {
            return "in stock";
        }
    }
}
