package dev.breaker.spring.aop;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;

/**
 * Proceeds with an intercepted call more than once, or after the interceptor has returned:
 * each attempt runs on its own copy of the invocation, so that retries and resubscriptions
 * go through the rest of the proxy's interceptors again.
 */
final class Proceed {

    private Proceed() {
    }

    /**
     * Proceeds with a fresh copy of the invocation.
     * @param invocation the intercepted call
     * @return what the method returns
     * @throws Throwable what the method throws
     */
    static @Nullable Object again(MethodInvocation invocation) throws Throwable {
        if (invocation instanceof ProxyMethodInvocation proxyInvocation) {
            return proxyInvocation.invocableClone().proceed();
        }
        return invocation.proceed();
    }

    /**
     * Proceeds with a fresh copy of the invocation, rethrowing whatever the method throws
     * unchanged, checked or not.
     * @param invocation the intercepted call
     * @return what the method returns
     */
    static @Nullable Object againUnchecked(MethodInvocation invocation) {
        try {
            return again(invocation);
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
