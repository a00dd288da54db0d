package dev.breaker.benchmarks;

import dev.breaker.spring.CircuitProtected;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;

/**
 * The same bean method three times: plain, protected with this library's annotation, and
 * protected with Resilience4j's. Each returns {@link Downstream#RESULT}, so that what is measured
 * is the proxy and the breaker behind it.
 */
public final class Services {

    /** The breaker both annotations name. */
    static final String BREAKER = "bench";

    private Services() {
    }

    /** No annotation: a plain object, no proxy. */
    public static class Plain {

        /** @return {@link Downstream#RESULT} */
        public String call() {
            return Downstream.RESULT;
        }
    }

    /** Protected by {@code @CircuitProtected}; Spring wraps it in a proxy. */
    public static class Protected {

        /** @return {@link Downstream#RESULT} */
        @CircuitProtected(name = BREAKER)
        public String call() {
            return Downstream.RESULT;
        }
    }

    /** Protected by Resilience4j's {@code @CircuitBreaker}; Spring wraps it in a proxy. */
    public static class Resilience4jProtected {

        /** @return {@link Downstream#RESULT} */
        @CircuitBreaker(name = BREAKER)
        public String call() {
            return Downstream.RESULT;
        }
    }
}
