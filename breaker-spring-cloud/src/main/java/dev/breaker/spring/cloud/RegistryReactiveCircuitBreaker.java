package dev.breaker.spring.cloud;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.spring.aop.ReactorBreakers;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Spring Cloud's reactive circuit breaker as one breaker of the registry, through {@link ReactorBreakers}. */
final class RegistryReactiveCircuitBreaker implements ReactiveCircuitBreaker {

    private final CircuitBreaker breaker;

    RegistryReactiveCircuitBreaker(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
        return ReactorBreakers.mono(this.breaker, () -> toRun).onErrorResume(fallback);
    }

    @Override
    public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
        return ReactorBreakers.flux(this.breaker, () -> toRun).onErrorResume(fallback);
    }
}
