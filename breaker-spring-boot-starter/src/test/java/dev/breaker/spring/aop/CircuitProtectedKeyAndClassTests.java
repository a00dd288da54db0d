package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.CircuitProtected;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Keyed breakers selected by a SpEL key, and {@link CircuitProtected} on a class. */
class CircuitProtectedKeyAndClassTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(CircuitProtectedContext.ClockAndDownstream.class)
        .withBean(ProfileService.class)
        .withBean(CatalogService.class)
        .withPropertyValues("breaker.defaults.consecutive-failures-threshold=2", "breaker.defaults.wait-in-open=10s");

    @Test
    void keyShouldGiveEachUserItsOwnBreaker() {
        this.contextRunner.run((context) -> {
            ProfileService service = context.getBean(ProfileService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            service.profile("alice", 1);
            service.profile("alice", 2);
            downstream.recover();
            assertThat(service.profile("alice", 3)).isEqualTo("fallback for alice: CircuitOpenException");
            assertThat(service.profile("bob", 4)).isEqualTo("live bob");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.find("profiles", "alice")).hasValueSatisfying(
                    (child) -> assertThat(child.state()).isEqualTo(CircuitState.OPEN));
            assertThat(registry.find("profiles", "bob")).hasValueSatisfying(
                    (child) -> assertThat(child.state()).isEqualTo(CircuitState.CLOSED));
            assertThat(registry.breaker("profiles").state()).isEqualTo(CircuitState.CLOSED);
            assertThat(registry.breaker("profiles").childCount()).isEqualTo(2);
        });
    }

    @Test
    void keyMayNameAParameterByPosition() {
        this.contextRunner.run((context) -> {
            ProfileService service = context.getBean(ProfileService.class);
            service.settings("carol", "dark");
            assertThat(context.getBean(CircuitBreakerRegistry.class).find("settings", "dark")).isPresent();
        });
    }

    @Test
    void keyThatEvaluatesToNullShouldUseTheNamedBreaker() {
        this.contextRunner.run((context) -> {
            ProfileService service = context.getBean(ProfileService.class);
            assertThat(service.profile(null, 1)).isEqualTo("live null");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.breaker("profiles").childCount()).isZero();
            assertThat(registry.breaker("profiles").stats().successes()).isOne();
        });
    }

    @Test
    void annotationOnClassShouldProtectEveryPublicMethodWithOneBreaker() {
        this.contextRunner.run((context) -> {
            CatalogService service = context.getBean(CatalogService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            assertThatIllegalStateException().isThrownBy(service::list);
            assertThatIllegalStateException().isThrownBy(() -> service.item("42"));
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(service::list)
                .satisfies((ex) -> assertThat(ex.getBreakerName()).isEqualTo("catalog"));
            assertThat(downstream.calls()).isEqualTo(2);
            assertThat(service.toString()).isEqualTo("catalog service");
        });
    }

    @Test
    void annotationOnMethodShouldTakePrecedenceOverTheClass() {
        this.contextRunner.run((context) -> {
            CatalogService service = context.getBean(CatalogService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            assertThatIllegalStateException().isThrownBy(service::list);
            assertThatIllegalStateException().isThrownBy(service::list);
            assertThat(service.special()).isEqualTo("special fallback");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.breaker("catalog").stats().failures()).isEqualTo(2);
            assertThat(registry.breaker("specials").stats().failures()).isOne();
        });
    }

    static class ProfileService {

        private final Downstream downstream;

        ProfileService(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitProtected(name = "profiles", key = "#userId", fallbackMethod = "fallbackProfile")
        public String profile(String userId, int attempt) {
            return this.downstream.call(userId);
        }

        String fallbackProfile(String userId, int attempt, Throwable error) {
            return "fallback for " + userId + ": " + error.getClass().getSimpleName();
        }

        @CircuitProtected(name = "settings", key = "#p1")
        public String settings(String userId, String theme) {
            return this.downstream.call(theme);
        }
    }

    @CircuitProtected(name = "catalog")
    static class CatalogService {

        private final Downstream downstream;

        CatalogService(Downstream downstream) {
            this.downstream = downstream;
        }

        public String list() {
            return this.downstream.call("list");
        }

        public String item(String id) {
            return this.downstream.call(id);
        }

        @CircuitProtected(name = "specials", fallbackMethod = "specialFallback")
        public String special() {
            return this.downstream.call("special");
        }

        String specialFallback() {
            return "special fallback";
        }

        @Override
        public String toString() {
            return "catalog service";
        }
    }
}
