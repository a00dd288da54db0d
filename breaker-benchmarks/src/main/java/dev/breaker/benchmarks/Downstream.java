package dev.breaker.benchmarks;

import dev.failsafe.function.CheckedSupplier;
import java.util.function.Supplier;

/**
 * The protected call: as cheap as a call can be, so that what is measured is the breaker. The
 * failing variant fails one call in ten with an exception made once, without a stack trace, so
 * that the failure itself costs nothing either.
 */
final class Downstream {

    static final String RESULT = "ok";
    static final RuntimeException FAILURE = new RuntimeException("downstream failed", null, false, false) {
        private static final long serialVersionUID = 1L;
    };
    static final Supplier<String> CALL = () -> RESULT;
    static final CheckedSupplier<Object> FAILSAFE_CALL = () -> RESULT;

    private int calls;

    /** @return the result, or throws {@link #FAILURE} on every tenth call */
    String failEveryTenth() {
        if (++calls == 10) {
            calls = 0;
            throw FAILURE;
        }
        return RESULT;
    }
}
