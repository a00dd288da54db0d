package dev.breaker.spring.event;

import dev.breaker.core.BreakerReconfiguredEvent;
import dev.breaker.core.CircuitBreakerListener;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every reconfiguration of the breakers it listens to as a
 * {@link CircuitBreakerReconfiguredEvent}.
 */
public class ReconfigurationEventPublisher implements CircuitBreakerListener {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates the publisher.
     * @param publisher where events go, usually the application context
     */
    public ReconfigurationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onReconfigured(BreakerReconfiguredEvent event) {
        this.publisher.publishEvent(new CircuitBreakerReconfiguredEvent(event));
    }
}
