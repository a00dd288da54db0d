package dev.breaker.core;

import java.time.Duration;

/**
 * Thrown to the caller when a protected call runs past its breaker's call timeout. The call
 * is recorded as a {@link CallOutcome#TIMEOUT}, which counts as a failure.
 */
public class CallTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String breakerName;
    private final transient Duration timeout;

    /**
     * Creates the exception.
     * @param breakerName the breaker whose timeout expired
     * @param timeout the call timeout
     */
    public CallTimeoutException(String breakerName, Duration timeout) {
        super("Call through circuit breaker '" + breakerName + "' timed out after " + timeout.toMillis() + "ms");
        this.breakerName = breakerName;
        this.timeout = timeout;
    }

    /** @return the name of the breaker whose timeout expired */
    public String getBreakerName() {
        return breakerName;
    }

    /** @return the call timeout that expired */
    public Duration getTimeout() {
        return timeout;
    }
}
