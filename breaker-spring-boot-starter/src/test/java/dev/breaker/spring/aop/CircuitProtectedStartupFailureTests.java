package dev.breaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.spring.CircuitProtected;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A {@link CircuitProtected} method that cannot work as written stops the application at
 * startup, and the failure analysis names the bean and the method.
 */
class CircuitProtectedStartupFailureTests {

    private final ApplicationContextRunner contextRunner = CircuitProtectedContext.runner();

    @Test
    void missingFallbackShouldStopStartupNamingBeanAndMethod() {
        assertStartupFailure(MissingFallback.class).contains("CircuitProtectedStartupFailureTests.MissingFallback.quote(String)")
            .contains("of bean 'broken'")
            .contains("its fallback method 'cachedQuote' does not exist");
    }

    @Test
    void fallbackWithOtherParametersShouldStopStartup() {
        assertStartupFailure(FallbackWithOtherParameters.class).contains("of bean 'broken'")
            .contains("its fallback method 'cachedQuote' does not take the method's parameters")
            .contains("found CircuitProtectedStartupFailureTests.FallbackWithOtherParameters.cachedQuote(int)");
    }

    @Test
    void fallbackWithOtherReturnTypeShouldStopStartup() {
        assertStartupFailure(FallbackWithOtherReturnType.class).contains("of bean 'broken'")
            .contains("returns java.lang.Integer, which does not fit the method's return type java.lang.String");
    }

    @Test
    void plainValueFallbackForAsynchronousMethodShouldStopStartup() {
        assertStartupFailure(PlainFallbackForFuture.class)
            .contains("which does not fit the method's return type java.util.concurrent.CompletableFuture<java.lang.String>");
    }

    @Test
    void fallbackWhoseTrailingParameterIsNoExceptionShouldStopStartup() {
        assertStartupFailure(FallbackWithTrailingString.class)
            .contains("its fallback method 'cachedQuote' does not take the method's parameters");
    }

    @Test
    void unparsableKeyShouldStopStartup() {
        assertStartupFailure(UnparsableKey.class).contains("its key expression '#symbol +' does not parse");
    }

    @Test
    void annotatedPrivateMethodShouldStopStartup() {
        assertStartupFailure(PrivateMethod.class).contains("PrivateMethod.quote(String)")
            .contains("a proxy cannot intercept a private or static method");
    }

    private AbstractStringAssert<?> assertStartupFailure(Class<?> beanType) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        this.contextRunner.withBean("broken", beanType).run((context) -> {
            assertThat(context).hasFailed();
            failure.set(context.getStartupFailure());
        });
        FailureAnalysis analysis = new InvalidCircuitProtectedFailureAnalyzer().analyze(failure.get());
        assertThat(analysis).as("failure analysis of %s", failure.get()).isNotNull();
        assertThat(analysis.getAction()).isNotBlank();
        return assertThat(analysis.getDescription()).startsWith("The @CircuitProtected method");
    }

    static class MissingFallback {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }
    }

    static class FallbackWithOtherParameters {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }

        String cachedQuote(int symbol) {
            return "cached";
        }
    }

    static class FallbackWithOtherReturnType {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }

        Integer cachedQuote(String symbol, Throwable error) {
            return 0;
        }
    }

    static class PlainFallbackForFuture {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public CompletableFuture<String> quote(String symbol) {
            return CompletableFuture.completedFuture(symbol);
        }

        String cachedQuote(String symbol) {
            return "cached";
        }
    }

    static class FallbackWithTrailingString {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }

        String cachedQuote(String symbol, String reason) {
            return "cached";
        }
    }

    static class UnparsableKey {

        @CircuitProtected(name = "quotes", key = "#symbol +")
        public String quote(String symbol) {
            return symbol;
        }
    }

    static class PrivateMethod {

        public String price(String symbol) {
            return quote(symbol);
        }

        @CircuitProtected(name = "quotes")
        private String quote(String symbol) {
            return symbol;
        }
    }
}
