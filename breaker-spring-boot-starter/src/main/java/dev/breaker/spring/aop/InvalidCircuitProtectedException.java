package dev.breaker.spring.aop;

import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * A {@link dev.breaker.spring.CircuitProtected} method that cannot be protected as written:
 * a fallback method that does not exist or does not fit, a key expression that does not
 * parse, or a method a proxy cannot intercept. Raised at startup, naming the bean and the
 * method.
 */
public final class InvalidCircuitProtectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String beanName;

    private final String methodDescription;

    private final String problem;

    private final String action;

    InvalidCircuitProtectedException(@Nullable String beanName, Method method, String problem, String action) {
        super(message(beanName, describe(method), problem));
        this.beanName = beanName;
        this.methodDescription = describe(method);
        this.problem = problem;
        this.action = action;
    }

    private static String message(@Nullable String beanName, String method, String problem) {
        String bean = (beanName != null) ? " of bean '" + beanName + "'" : "";
        return "@CircuitProtected method " + method + bean + ": " + problem;
    }

    /**
     * Describes a method as {@code QuoteService.quote(String, int)}.
     * @param method the method
     * @return the description
     */
    static String describe(Method method) {
        StringBuilder text = new StringBuilder(ClassUtils.getShortName(method.getDeclaringClass())).append('.')
            .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    /** @return the name of the bean that declares the method, or {@code null} when not known */
    public @Nullable String getBeanName() {
        return this.beanName;
    }

    /** @return the method, as {@code QuoteService.quote(String)} */
    public String getMethodDescription() {
        return this.methodDescription;
    }

    /** @return what is wrong */
    public String getProblem() {
        return this.problem;
    }

    /** @return how to fix it */
    public String getAction() {
        return this.action;
    }
}
