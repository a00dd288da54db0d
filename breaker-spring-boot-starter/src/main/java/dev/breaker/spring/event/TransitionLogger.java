package dev.breaker.spring.event;

import dev.breaker.core.CircuitState;
import dev.breaker.core.StateTransition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationListener;

/**
 * Logs each {@link CircuitBreakerTransitionEvent} once: at WARN when a breaker opens, at INFO
 * otherwise, with the breaker, the key, the old and new state, the reason and the next retry
 * time, for example:
 * <pre>
 * Circuit breaker 'payment' CLOSED -&gt; OPEN: failure rate 60% &gt;= 50% over 10 calls [reason=FAILURE_RATE, key=none, nextRetryAt=2026-11-23T10:15:30Z]
 * </pre>
 * An operator's override names its actor and reason in the detail, for example
 * {@code forced open by alice until 2026-11-23T10:25:30Z: provider maintenance}. The name, the
 * key and the detail are written as {@link UntrustedText#forLog untrusted text}: a key comes
 * from a caller, a reason from an operator, and neither may forge log lines.
 */
public class TransitionLogger implements ApplicationListener<CircuitBreakerTransitionEvent> {

    private static final Log logger = LogFactory.getLog(TransitionLogger.class);

    @Override
    public void onApplicationEvent(CircuitBreakerTransitionEvent event) {
        StateTransition transition = event.getTransition();
        if (transition.to() == CircuitState.OPEN) {
            if (logger.isWarnEnabled()) {
                logger.warn(message(transition));
            }
        }
        else if (logger.isInfoEnabled()) {
            logger.info(message(transition));
        }
    }

    /**
     * The log line of a transition.
     * @param transition the transition
     * @return the line
     */
    static String message(StateTransition transition) {
        StringBuilder line = new StringBuilder("Circuit breaker '").append(UntrustedText.forLog(transition.breakerName()))
            .append("' ")
            .append(transition.from()).append(" -> ").append(transition.to());
        if (transition.detail() != null && !transition.detail().isEmpty()) {
            line.append(": ").append(UntrustedText.forLog(transition.detail(), UntrustedText.MAX_DETAIL_LENGTH));
        }
        line.append(" [reason=").append(transition.reason());
        line.append(", key=").append((transition.key() != null) ? UntrustedText.forLog(transition.key()) : "none");
        line.append(", nextRetryAt=").append((transition.nextRetryAt() != null) ? transition.nextRetryAt() : "none");
        return line.append(']').toString();
    }
}
