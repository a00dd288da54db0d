package dev.breaker.spring;

import java.util.Set;

/**
 * Names breakers that an application uses through a door other than {@link CircuitProtected},
 * such as a Spring Cloud CircuitBreaker factory or code calling the registry. The startup check
 * that warns about configured instances nothing uses counts these names as used. Declare one as
 * a bean; the Spring Cloud module declares one for its HTTP service client groups.
 */
@FunctionalInterface
public interface BreakerNamesInUse {

    /**
     * Asked once at startup, after every singleton was made.
     * @return the names of the breakers used
     */
    Set<String> names();
}
