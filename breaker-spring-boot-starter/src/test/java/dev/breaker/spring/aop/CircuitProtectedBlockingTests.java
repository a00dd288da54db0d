package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.CircuitProtected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link CircuitProtected} on methods that return a value or nothing. */
class CircuitProtectedBlockingTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner()
        .withUserConfiguration(CircuitProtectedContext.ClockAndDownstream.class)
        .withBean(QuoteService.class)
        .withPropertyValues("breaker.defaults.consecutive-failures-threshold=2", "breaker.defaults.wait-in-open=10s",
                "breaker.defaults.backoff.jitter=0", "breaker.defaults.half-open.permitted-calls=1",
                "breaker.defaults.half-open.success-threshold=1",
                "breaker.instances.lenient.ignore-exceptions=java.lang.IllegalArgumentException");

    @Test
    void fallbackShouldAnswerFailuresAndThenRejectionsWithoutCallingTheMethod() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            assertThat(service.quote("ACME")).isEqualTo("cached ACME after IllegalStateException");
            assertThat(service.quote("ACME")).isEqualTo("cached ACME after IllegalStateException");
            assertThat(service.quote("ACME")).isEqualTo("cached ACME after CircuitOpenException");
            assertThat(downstream.calls()).isEqualTo(2);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.breaker("quotes").stats()).satisfies((stats) -> {
                assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
                assertThat(stats.failures()).isEqualTo(2);
                assertThat(stats.rejections()).isEqualTo(1);
            });
        });
    }

    @Test
    void breakerShouldLetCallsThroughAgainAfterItsWait() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            downstream.fail(new IllegalStateException("down"));
            service.quote("ACME");
            service.quote("ACME");
            downstream.recover();
            assertThat(service.quote("ACME")).isEqualTo("cached ACME after CircuitOpenException");
            context.getBean(ManualClock.class).advance(Duration.ofSeconds(10));
            assertThat(service.quote("ACME")).isEqualTo("live ACME");
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("quotes").state())
                .isEqualTo(CircuitState.CLOSED);
        });
    }

    @Test
    void withoutFallbackTheFailureAndThenTheRejectionShouldReachTheCaller() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            assertThatIllegalStateException().isThrownBy(() -> service.price("ACME")).withMessage("down");
            assertThatIllegalStateException().isThrownBy(() -> service.price("ACME")).withMessage("down");
            assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> service.price("ACME"))
                .satisfies((ex) -> {
                    assertThat(ex.getBreakerName()).isEqualTo("prices");
                    assertThat(ex.getNextRetryAt()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
                });
            assertThat(context.getBean(Downstream.class).calls()).isEqualTo(2);
        });
    }

    @Test
    void checkedExceptionShouldReachTheCallerUnchanged() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            context.getBean(Downstream.class).fail(new UncheckedIOException(new IOException("disk")));
            assertThatIOException().isThrownBy(() -> service.load("ACME")).withMessage("disk");
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("files").stats().failures()).isOne();
        });
    }

    @Test
    void voidMethodShouldBeProtectedAndFallBack() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            Downstream downstream = context.getBean(Downstream.class);
            service.audit("first");
            downstream.fail(new IllegalStateException("down"));
            service.audit("second");
            service.audit("third");
            service.audit("fourth");
            assertThat(service.deferred()).containsExactly("second", "third", "fourth");
            assertThat(downstream.calls()).isEqualTo(3);
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("audit").stats().successes()).isOne();
        });
    }

    @Test
    void exceptionTheBreakerIgnoresShouldNotReachTheFallback() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalArgumentException("bad symbol"));
            for (int i = 0; i < 3; i++) {
                assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> service.lenient("?"));
            }
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("lenient").stats()).satisfies((stats) -> {
                assertThat(stats.ignored()).isEqualTo(3);
                assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
            });
        });
    }

    @Test
    void fallbackTakingANarrowerExceptionShouldAnswerOnlyThatException() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            assertThatIllegalStateException().isThrownBy(() -> service.narrow("ACME"));
            assertThatIllegalStateException().isThrownBy(() -> service.narrow("ACME"));
            assertThat(service.narrow("ACME")).isEqualTo("open until 2026-01-01T00:00:10Z");
        });
    }

    @Test
    void callFromInsideTheBeanShouldBypassTheProxyAndRunUnprotected() {
        this.contextRunner.run((context) -> {
            QuoteService service = context.getBean(QuoteService.class);
            context.getBean(Downstream.class).fail(new IllegalStateException("down"));
            assertThatIllegalStateException().isThrownBy(() -> service.priceFromInside("ACME"));
            assertThat(context.getBean(CircuitBreakerRegistry.class).find("prices")).isEmpty();
        });
    }

    static class QuoteService {

        private final List<String> deferred = new CopyOnWriteArrayList<>();

        private final Downstream downstream;

        QuoteService(Downstream downstream) {
            this.downstream = downstream;
        }

        public List<String> deferred() {
            return this.deferred;
        }

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return this.downstream.call(symbol);
        }

        String cachedQuote(String symbol, Throwable error) {
            return "cached " + symbol + " after " + error.getClass().getSimpleName();
        }

        @CircuitProtected(name = "prices")
        public String price(String symbol) {
            return this.downstream.call(symbol);
        }

        public String priceFromInside(String symbol) {
            return price(symbol);
        }

        @CircuitProtected(name = "files")
        public String load(String name) throws IOException {
            try {
                return this.downstream.call(name);
            }
            catch (UncheckedIOException ex) {
                throw ex.getCause();
            }
        }

        @CircuitProtected(name = "audit", fallbackMethod = "auditLater")
        public void audit(String event) {
            this.downstream.call(event);
        }

        void auditLater(String event) {
            this.deferred.add(event);
        }

        @CircuitProtected(name = "lenient", fallbackMethod = "cachedQuote")
        public String lenient(String symbol) {
            return this.downstream.call(symbol);
        }

        @CircuitProtected(name = "narrow", fallbackMethod = "whenOpen")
        public String narrow(String symbol) {
            return this.downstream.call(symbol);
        }

        private String whenOpen(String symbol, CircuitOpenException rejection) {
            return "open until " + rejection.getNextRetryAt();
        }
    }
}
