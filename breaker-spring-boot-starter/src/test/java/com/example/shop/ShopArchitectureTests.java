package com.example.shop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shop, its tests included, uses breaker as any application would: the engine's API,
 * {@code @CircuitProtected} and the transition event, never the starter's internals.
 */
@AnalyzeClasses(packages = "com.example.shop")
class ShopArchitectureTests {

    @ArchTest
    static final ArchRule shopShouldUseOnlyThePublicApi = noClasses().that()
        .resideInAPackage("com.example.shop..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.breaker.spring.autoconfigure..", "dev.breaker.spring.aop..",
                "dev.breaker.spring.actuate..", "dev.breaker.spring.metrics..", "dev.breaker.spring.web..");

}
