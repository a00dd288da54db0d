package dev.breaker.spring.aop;

import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * The Spring AOP advisor behind {@link dev.breaker.spring.CircuitProtected}: a static pointcut
 * that selects the protected methods, and the {@link CircuitProtectedInterceptor} that runs
 * them through their breaker. Spring's auto-proxy creator applies it to every bean with such
 * a method, as it applies the advisors behind {@code @Transactional} and {@code @Cacheable}.
 * It runs after advisors of higher precedence unless {@link #setOrder(int) ordered} otherwise.
 */
public final class CircuitProtectedAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient CircuitProtectedPointcut pointcut = new CircuitProtectedPointcut();

    private final transient CircuitProtectedInterceptor interceptor;

    /**
     * Creates the advisor.
     * @param interceptor runs the protected calls
     */
    public CircuitProtectedAdvisor(CircuitProtectedInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public Pointcut getPointcut() {
        return this.pointcut;
    }

    @Override
    public Advice getAdvice() {
        return this.interceptor;
    }
}
