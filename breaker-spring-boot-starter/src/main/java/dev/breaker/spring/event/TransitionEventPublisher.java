package dev.breaker.spring.event;

import dev.breaker.core.CircuitBreakerListener;
import dev.breaker.core.StateTransition;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every state transition of the breakers it listens to as a
 * {@link CircuitBreakerTransitionEvent}.
 */
public class TransitionEventPublisher implements CircuitBreakerListener {

    private final ApplicationEventPublisher publisher;

    /**
     * Creates the publisher.
     * @param publisher where events go, usually the application context
     */
    public TransitionEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onStateTransition(StateTransition transition) {
        this.publisher.publishEvent(new CircuitBreakerTransitionEvent(transition));
    }
}
