package dev.breaker.spring.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class BreakerExceptionsAotProcessorTests {

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void exceptionsNamedUnderDefaultsAndInstancesShouldBeRegisteredForReflection() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("breaker.defaults.ignore-exceptions[0]", "java.lang.IllegalArgumentException")
            .withProperty("breaker.instances.payment.record-exceptions", "java.io.IOException,com.example.PaymentDeclined")
            .withProperty("breaker.instances.payment.ignore-exceptions[0]", "java.util.NoSuchElementException");
        apply(contribution(environment));
        assertThat(RuntimeHintsPredicates.reflection().onType(IllegalArgumentException.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(java.io.IOException.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(java.util.NoSuchElementException.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("com.example.PaymentDeclined")))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(IllegalStateException.class)).rejects(this.hints);
    }

    @Test
    void configurationWithoutExceptionListsShouldContributeNothing() {
        assertThat(contribution(new MockEnvironment().withProperty("breaker.defaults.minimum-calls", "5"))).isNull();
    }

    private BeanFactoryInitializationAotContribution contribution(MockEnvironment environment) {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.setEnvironment(environment);
            context.refreshForAotProcessing(new RuntimeHints());
            return new BreakerExceptionsAotProcessor().processAheadOfTime(context.getBeanFactory());
        }
    }

    private void apply(BeanFactoryInitializationAotContribution contribution) {
        GenerationContext generationContext = mock(GenerationContext.class);
        given(generationContext.getRuntimeHints()).willReturn(this.hints);
        contribution.applyTo(generationContext, mock(BeanFactoryInitializationCode.class));
    }

}
