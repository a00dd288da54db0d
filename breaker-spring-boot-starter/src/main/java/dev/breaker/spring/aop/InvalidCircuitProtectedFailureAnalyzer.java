package dev.breaker.spring.aop;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidCircuitProtectedException}: the bean, the method, what is wrong
 * and how to fix it.
 */
class InvalidCircuitProtectedFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCircuitProtectedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCircuitProtectedException cause) {
        String bean = (cause.getBeanName() != null) ? " of bean '" + cause.getBeanName() + "'" : "";
        String description = "The @CircuitProtected method " + cause.getMethodDescription() + bean
                + " cannot be protected: " + cause.getProblem();
        return new FailureAnalysis(description, cause.getAction(), cause);
    }
}
