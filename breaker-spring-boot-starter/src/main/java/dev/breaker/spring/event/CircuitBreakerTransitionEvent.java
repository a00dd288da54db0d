package dev.breaker.spring.event;

import dev.breaker.core.StateTransition;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a circuit breaker, or one of its keyed children, changes state. Listen with
 * an {@code ApplicationListener<CircuitBreakerTransitionEvent>} or an {@code @EventListener}
 * method; listeners run on the thread whose call caused the transition, so keep them short.
 */
public class CircuitBreakerTransitionEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     * @param transition the change of state
     */
    public CircuitBreakerTransitionEvent(StateTransition transition) {
        super(transition);
    }

    /** @return the change of state: breaker, key, old and new state, reason and next retry time */
    public StateTransition getTransition() {
        return (StateTransition) getSource();
    }
}
