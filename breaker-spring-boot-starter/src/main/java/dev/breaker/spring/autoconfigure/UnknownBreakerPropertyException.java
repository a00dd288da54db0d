package dev.breaker.spring.autoconfigure;

/**
 * A name under {@code breaker} that no property has, such as a mistyped
 * {@code breaker.instances.payment.failure-rate-thresold}. It names the closest known property;
 * {@link UnknownBreakerPropertyFailureAnalyzer} turns it into the startup failure report.
 */
public final class UnknownBreakerPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String closest;

    /**
     * Creates the exception.
     * @param property the name as written
     * @param closest the known property closest to it
     */
    public UnknownBreakerPropertyException(String property, String closest) {
        super("Unknown circuit breaker property '" + property + "'; the closest known property is '" + closest + "'");
        this.property = property;
        this.closest = closest;
    }

    /** @return the name as written */
    public String getProperty() {
        return this.property;
    }

    /** @return the known property closest to the name as written */
    public String getClosest() {
        return this.closest;
    }
}
