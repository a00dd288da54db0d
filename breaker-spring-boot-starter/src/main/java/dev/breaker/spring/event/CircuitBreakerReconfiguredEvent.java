package dev.breaker.spring.event;

import dev.breaker.core.BreakerReconfiguredEvent;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a named circuit breaker, with its keyed children, takes a new configuration
 * while it runs. Listen with an {@code ApplicationListener<CircuitBreakerReconfiguredEvent>} or
 * an {@code @EventListener} method.
 */
public class CircuitBreakerReconfiguredEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the event.
     * @param reconfiguration the change of configuration
     */
    public CircuitBreakerReconfiguredEvent(BreakerReconfiguredEvent reconfiguration) {
        super(reconfiguration);
    }

    /**
     * @return the change of configuration: the breaker, each changed setting with its old and
     * new value, whether the window started empty, and when
     */
    public BreakerReconfiguredEvent getReconfiguration() {
        return (BreakerReconfiguredEvent) getSource();
    }
}
