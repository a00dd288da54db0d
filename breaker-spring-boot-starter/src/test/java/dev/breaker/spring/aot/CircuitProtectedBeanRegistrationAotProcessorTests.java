package dev.breaker.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.breaker.spring.CircuitProtected;
import dev.breaker.spring.aop.InvalidCircuitProtectedException;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;

class CircuitProtectedBeanRegistrationAotProcessorTests {

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void protectedMethodsAndTheirFallbacksShouldBeInvocableAndTheClassIntrospectable() {
        apply(contribution(QuoteService.class));
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteService.class, "quote")).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteService.class, "cachedQuote"))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteService.class, "unprotected"))
            .rejects(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(QuoteService.class)).accepts(this.hints);
    }

    @Test
    void publicMethodsOfAnAnnotatedClassShouldBeInvocable() {
        apply(contribution(AnnotatedClass.class));
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AnnotatedClass.class, "stock")).accepts(this.hints);
    }

    @Test
    void beanWithoutProtectedMethodsShouldContributeNothing() {
        assertThat(contribution(String.class)).isNull();
    }

    @Test
    void fallbackThatDoesNotFitShouldFailTheBuild() {
        assertThatExceptionOfType(InvalidCircuitProtectedException.class)
            .isThrownBy(() -> contribution(MissingFallback.class))
            .withMessageContaining("cachedQuote");
    }

    private BeanRegistrationAotContribution contribution(Class<?> beanClass) {
        this.beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
        return new CircuitProtectedBeanRegistrationAotProcessor()
            .processAheadOfTime(RegisteredBean.of(this.beanFactory, "bean"));
    }

    private void apply(BeanRegistrationAotContribution contribution) {
        GenerationContext generationContext = mock(GenerationContext.class);
        given(generationContext.getRuntimeHints()).willReturn(this.hints);
        contribution.applyTo(generationContext, mock(BeanRegistrationCode.class));
    }

    static class QuoteService {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }

        public String cachedQuote(String symbol, Throwable error) {
            return "cached " + symbol;
        }

        public String unprotected(String symbol) {
            return symbol;
        }

    }

    @CircuitProtected(name = "inventory")
    static class AnnotatedClass {

        public int stock(String sku) {
            return 1;
        }

    }

    static class MissingFallback {

        @CircuitProtected(name = "quotes", fallbackMethod = "cachedQuote")
        public String quote(String symbol) {
            return symbol;
        }

    }

}
