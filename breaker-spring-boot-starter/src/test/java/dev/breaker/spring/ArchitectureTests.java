package dev.breaker.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.annotation.Bean;

/**
 * The layers of breaker, kept honest as Spring Boot's own build keeps its modules: the engine
 * knows nothing of Spring, auto-configuration classes follow Spring Boot's conventions, and
 * code outside the starter uses only its public API.
 */
@AnalyzeClasses(packages = "dev.breaker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    private static final String[] STARTER_INTERNALS = { "dev.breaker.spring.autoconfigure..", "dev.breaker.spring.aop..",
            "dev.breaker.spring.actuate..", "dev.breaker.spring.metrics..", "dev.breaker.spring.web..",
            "dev.breaker.spring.redis..", "dev.breaker.spring.refresh..", "dev.breaker.spring.dashboard.." };

    @ArchTest
    static final ArchRule coreShouldNotDependOnSpringOrTheStarter = noClasses().that()
        .resideInAPackage("dev.breaker.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "dev.breaker.spring..", "reactor..", "io.micrometer..",
                "org.aspectj..", "jakarta..")
        .because("breaker-core is a plain-Java engine with no runtime dependencies");

    @ArchTest
    static final ArchRule autoConfigurationClassesShouldBePublicAndFinal = classes().that()
        .areAnnotatedWith(AutoConfiguration.class)
        .should()
        .bePublic()
        .andShould()
        .haveModifier(JavaModifier.FINAL);

    @ArchTest
    static final ArchRule autoConfigurationClassesShouldHaveNoPublicMethodsOrFields = members().that()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(AutoConfiguration.class)
        .and(DescribedPredicate.describe("are methods or fields", (member) -> !(member instanceof JavaConstructor)))
        .should()
        .notBePublic()
        .because("auto-configuration is not an API: its @Bean methods are package-private")
        .allowEmptyShould(true);

    @ArchTest
    static final ArchRule classConditionsShouldBeOnClassesNotOnBeanMethods = noMethods().that()
        .areAnnotatedWith(Bean.class)
        .should()
        .beAnnotatedWith(ConditionalOnClass.class)
        .orShould()
        .beAnnotatedWith(ConditionalOnMissingClass.class)
        .because("a class condition on a @Bean method cannot stop the method's signature from being loaded");

    @ArchTest
    static final ArchRule autoConfigurationClassesShouldBeRegistered = classes().that()
        .areAnnotatedWith(AutoConfiguration.class)
        .should(beListedInAutoConfigurationImports());

    @ArchTest
    static final ArchRule nothingOutsideTheStarterShouldDependOnItsInternals = noClasses().that()
        .resideOutsideOfPackage("dev.breaker.spring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(STARTER_INTERNALS)
        .because("applications use the starter through @CircuitProtected, properties, events and beans only");

    @ArchTest
    static final ArchRule apiAndFeaturesShouldNotDependOnAutoConfiguration = noClasses().that()
        .resideInAnyPackage("dev.breaker.spring", "dev.breaker.spring.aop..", "dev.breaker.spring.event..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.breaker.spring.autoconfigure..")
        .because("auto-configuration assembles the features, never the other way round");

    @ArchTest
    static final ArchRule publicApiShouldNotExposeInternals = noClasses().that()
        .resideInAnyPackage("dev.breaker.spring", "dev.breaker.spring.event..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(STARTER_INTERNALS);

    private static ArchCondition<JavaClass> beListedInAutoConfigurationImports() {
        List<String> listed = ImportCandidates.load(AutoConfiguration.class, ArchitectureTests.class.getClassLoader())
            .getCandidates();
        return new ArchCondition<>("be listed in META-INF/spring/" + AutoConfiguration.class.getName() + ".imports") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean found = listed.contains(javaClass.getName());
                events.add(new SimpleConditionEvent(javaClass, found,
                        javaClass.getName() + (found ? " is" : " is not") + " listed"));
            }
        };
    }
}
