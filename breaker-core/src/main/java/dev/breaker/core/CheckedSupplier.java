package dev.breaker.core;

/**
 * A call that returns a value and may throw anything, as a proxied method invocation does.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface CheckedSupplier<T> {

    /**
     * Runs the call.
     * @return the result
     * @throws Throwable whatever the call throws
     */
    T get() throws Throwable;
}
