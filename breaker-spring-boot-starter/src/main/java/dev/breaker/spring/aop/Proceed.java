package dev.breaker.spring.aop;

import org.aspectj.lang.ProceedingJoinPoint;
import org.jspecify.annotations.Nullable;

/** Proceeds with a join point from code that cannot declare {@code throws Throwable}. */
final class Proceed {

    private Proceed() {
    }

    /**
     * Proceeds, rethrowing whatever the method throws unchanged, checked or not.
     * @param joinPoint the call
     * @return what the method returns
     */
    static @Nullable Object unchecked(ProceedingJoinPoint joinPoint) {
        try {
            return joinPoint.proceed();
        }
        catch (Throwable ex) {
            throw Proceed.<RuntimeException>sneaky(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable ex) throws T {
        throw (T) ex;
    }
}
