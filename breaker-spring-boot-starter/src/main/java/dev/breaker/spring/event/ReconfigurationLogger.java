package dev.breaker.spring.event;

import dev.breaker.core.BreakerReconfiguredEvent;
import dev.breaker.core.BreakerReconfiguredEvent.Change;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationListener;

/**
 * Logs each {@link CircuitBreakerReconfiguredEvent} once at INFO, naming every changed setting
 * with its old and new value, for example:
 * <pre>
 * Circuit breaker 'payment' reconfigured: failure-rate-threshold 0.5 -&gt; 0.8, wait-in-open PT30S -&gt; PT1M [windowReset=false]
 * </pre>
 * The name and the values are written as {@link UntrustedText#forLog untrusted text}.
 */
public class ReconfigurationLogger implements ApplicationListener<CircuitBreakerReconfiguredEvent> {

    private static final Log logger = LogFactory.getLog(ReconfigurationLogger.class);

    @Override
    public void onApplicationEvent(CircuitBreakerReconfiguredEvent event) {
        if (logger.isInfoEnabled()) {
            logger.info(message(event.getReconfiguration()));
        }
    }

    /**
     * The log line of a reconfiguration.
     * @param event the reconfiguration
     * @return the line
     */
    static String message(BreakerReconfiguredEvent event) {
        StringBuilder line = new StringBuilder("Circuit breaker '").append(UntrustedText.forLog(event.breakerName()))
            .append("' reconfigured:");
        String separator = " ";
        for (Map.Entry<String, Change> change : event.changes().entrySet()) {
            line.append(separator).append(change.getKey()).append(' ')
                .append(UntrustedText.forLog(String.valueOf(change.getValue().previous())))
                .append(" -> ")
                .append(UntrustedText.forLog(String.valueOf(change.getValue().current())));
            separator = ", ";
        }
        if (event.changes().isEmpty()) {
            line.append(" no setting changed");
        }
        return line.append(" [windowReset=").append(event.windowReset()).append(']').toString();
    }
}
