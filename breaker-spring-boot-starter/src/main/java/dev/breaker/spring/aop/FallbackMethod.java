package dev.breaker.spring.aop;

import dev.breaker.core.CircuitBreaker;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * A protected method's fallback, found and checked once: same parameters as the protected
 * method, optionally a trailing {@link Throwable}, and a return type that fits.
 */
final class FallbackMethod {

    private final Method method;

    private final Class<? extends Throwable> errorType;

    private final boolean passesError;

    private FallbackMethod(Method method, Class<? extends Throwable> errorType, boolean passesError) {
        this.method = method;
        this.errorType = errorType;
        this.passesError = passesError;
        ReflectionUtils.makeAccessible(method);
    }

    Method method() {
        return this.method;
    }

    /**
     * Finds the fallback of a protected method.
     * @param protectedMethod the protected method
     * @param targetClass the class of the bean
     * @param name the fallback's name
     * @param beanName the bean's name, for errors
     * @return the fallback
     * @throws InvalidCircuitProtectedException if it does not exist or does not fit
     */
    static FallbackMethod find(Method protectedMethod, Class<?> targetClass, String name, @Nullable String beanName) {
        Method[] candidates = ReflectionUtils.getUniqueDeclaredMethods(targetClass,
                (candidate) -> candidate.getName().equals(name) && !candidate.isBridge() && !candidate.isSynthetic());
        String expected = expectedSignature(protectedMethod, name);
        if (candidates.length == 0) {
            throw new InvalidCircuitProtectedException(beanName, protectedMethod,
                    "its fallback method '" + name + "' does not exist on " + targetClass.getName(),
                    "Declare " + expected + " on " + targetClass.getName()
                            + ", or correct fallbackMethod in @CircuitProtected.");
        }
        FallbackMethod withError = null;
        FallbackMethod withoutError = null;
        for (Method candidate : candidates) {
            Class<?>[] own = protectedMethod.getParameterTypes();
            Class<?>[] theirs = candidate.getParameterTypes();
            if (Arrays.equals(own, theirs)) {
                withoutError = new FallbackMethod(candidate, Throwable.class, false);
            }
            else if (theirs.length == own.length + 1 && Arrays.equals(own, Arrays.copyOf(theirs, own.length))
                    && Throwable.class.isAssignableFrom(theirs[own.length])) {
                withError = new FallbackMethod(candidate, theirs[own.length].asSubclass(Throwable.class), true);
            }
        }
        FallbackMethod fallback = (withError != null) ? withError : withoutError;
        if (fallback == null) {
            throw new InvalidCircuitProtectedException(beanName, protectedMethod,
                    "its fallback method '" + name + "' does not take the method's parameters; found "
                            + describeAll(candidates),
                    "Declare " + expected + " on " + targetClass.getName() + ".");
        }
        fallback.checkReturnType(protectedMethod, targetClass, beanName, expected);
        return fallback;
    }

    private void checkReturnType(Method protectedMethod, Class<?> targetClass, @Nullable String beanName,
            String expected) {
        ResolvableType wanted = ResolvableType.forMethodReturnType(protectedMethod, targetClass);
        ResolvableType given = ResolvableType.forMethodReturnType(this.method, targetClass);
        boolean wantsVoid = protectedMethod.getReturnType() == void.class;
        boolean givesVoid = this.method.getReturnType() == void.class;
        if (wantsVoid != givesVoid || (!wantsVoid && !wanted.isAssignableFrom(given))) {
            throw new InvalidCircuitProtectedException(beanName, protectedMethod,
                    "its fallback method " + InvalidCircuitProtectedException.describe(this.method) + " returns "
                            + given + ", which does not fit the method's return type " + wanted,
                    "Declare " + expected + " on " + targetClass.getName() + ".");
        }
    }

    private static String expectedSignature(Method method, String name) {
        String parameters = Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
            .collect(Collectors.joining(", "));
        String withError = parameters.isEmpty() ? "Throwable error" : parameters + ", Throwable error";
        String returns = ResolvableType.forMethodReturnType(method).toString();
        return "a method '" + returns + " " + name + "(" + parameters + ")' or '" + returns + " " + name + "("
                + withError + ")'";
    }

    private static String describeAll(Method[] methods) {
        List<String> descriptions = new ArrayList<>();
        for (Method method : methods) {
            descriptions.add(InvalidCircuitProtectedException.describe(method));
        }
        return String.join(", ", descriptions);
    }

    /**
     * Whether the fallback answers this exception: a rejection, a timeout, or a failure as
     * the breaker classifies it, of the type the fallback accepts.
     * @param breaker the breaker the call went through
     * @param error what the call threw
     * @return whether to call the fallback
     */
    boolean handles(CircuitBreaker breaker, Throwable error) {
        return this.errorType.isInstance(error) && breaker.config().fallsBack(error);
    }

    /**
     * Calls the fallback.
     * @param target the bean (not its proxy)
     * @param args the protected method's arguments
     * @param error what the protected call threw
     * @return the fallback's result
     * @throws Throwable what the fallback throws
     */
    @Nullable Object invoke(Object target, @Nullable Object[] args, Throwable error) throws Throwable {
        Object[] arguments = args;
        if (this.passesError) {
            arguments = Arrays.copyOf(args, args.length + 1);
            arguments[args.length] = error;
        }
        try {
            return this.method.invoke(Modifier.isStatic(this.method.getModifiers()) ? null : target, arguments);
        }
        catch (InvocationTargetException ex) {
            throw ex.getTargetException();
        }
    }
}
