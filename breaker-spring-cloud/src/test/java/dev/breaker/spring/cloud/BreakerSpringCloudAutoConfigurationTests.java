package dev.breaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.spring.BreakerNamesInUse;
import dev.breaker.spring.autoconfigure.BreakerAutoConfiguration;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;
import reactor.core.publisher.Mono;

class BreakerSpringCloudAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(BreakerAutoConfiguration.class, BreakerSpringCloudAutoConfiguration.class))
        .withPropertyValues("breaker.instances.quotes.minimum-calls=4", "breaker.instances.quotes.wait-in-open=10s");

    @Test
    void httpServiceClientGroupsCountAsBreakersInUse() {
        this.contextRunner.withBean(HttpServiceProxyRegistry.class, () -> new HttpServiceProxyRegistry() {
            @Override
            public <P> P getClient(Class<P> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <P> P getClient(String groupName, Class<P> type) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> getGroupNames() {
                return Set.of("stock", "quotes");
            }

            @Override
            public Set<Class<?>> getClientTypesInGroup(String groupName) {
                return Set.of();
            }
        }).run((context) -> assertThat(context.getBean(BreakerNamesInUse.class).names())
            .containsExactlyInAnyOrder("stock", "quotes"));
    }

    @Test
    void runShouldCreateBothFactoriesOverTheRegistry() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(BreakerCircuitBreakerFactory.class)
                .hasSingleBean(ReactiveBreakerCircuitBreakerFactory.class);
            context.getBean(BreakerCircuitBreakerFactory.class).create("quotes").run(() -> "42.0");
            assertThat(context.getBean(CircuitBreakerRegistry.class).breaker("quotes").stats().successes())
                .isEqualTo(1);
        });
    }

    @Test
    void createShouldGiveBreakersTheirYamlConfiguration() {
        this.contextRunner.run((context) -> {
            context.getBean(BreakerCircuitBreakerFactory.class).create("quotes");
            CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class).breaker("quotes").config();
            assertThat(config.minimumCalls()).isEqualTo(4);
            assertThat(config.waitInOpen()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void customizerThatConfiguresAnIdShouldRefineItsYamlConfiguration() {
        this.contextRunner.withUserConfiguration(IdCustomizer.class).run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.configFor("quotes").minimumCalls()).isEqualTo(8);
                assertThat(registry.configFor("quotes").waitInOpen()).isEqualTo(Duration.ofSeconds(10));
                assertThat(registry.configFor("news").minimumCalls()).isEqualTo(8);
                assertThat(registry.configFor("news").waitInOpen()).isEqualTo(CircuitBreakerConfig.defaults().waitInOpen());
            });
    }

    @Test
    void customizerOfTheReactiveFactoryShouldConfigureTheSameRegistry() {
        this.contextRunner.withUserConfiguration(ReactiveIdCustomizer.class).run((context) -> assertThat(context.getBean(CircuitBreakerRegistry.class).configFor("prices").minimumCalls())
                .isEqualTo(6));
    }

    @Test
    void customizerThatConfiguresTheDefaultShouldConfigureBreakersYamlDoesNotList() {
        this.contextRunner.withUserConfiguration(DefaultCustomizer.class).run((context) -> {
                CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                assertThat(registry.configFor("unlisted").minimumCalls()).isEqualTo(20);
                assertThat(registry.configFor("quotes").minimumCalls()).isEqualTo(4);
            });
    }

    @Test
    void runWhenApplicationDefinesAFactoryShouldBackOff() {
        this.contextRunner
            .withBean("customFactory", CircuitBreakerFactory.class,
                    () -> new BreakerCircuitBreakerFactory(CircuitBreakerRegistry.ofDefaults()))
            .run((context) -> assertThat(context).hasSingleBean(CircuitBreakerFactory.class).hasBean("customFactory"));
    }

    @Test
    void runWithoutSpringCloudShouldCreateNoFactory() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreakerFactory.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BreakerCircuitBreakerFactory.class));
    }

    @Test
    void runWithoutReactorShouldCreateOnlyTheBlockingFactory() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(Mono.class))
            .run((context) -> assertThat(context).hasSingleBean(BreakerCircuitBreakerFactory.class)
                .doesNotHaveBean(ReactiveCircuitBreakerFactory.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class IdCustomizer {

        @Bean
        Customizer<BreakerCircuitBreakerFactory> quotesCustomizer() {
            return (factory) -> factory.configure((builder) -> builder.configure((config) -> config.minimumCalls(8)),
                    "quotes", "news");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReactiveIdCustomizer {

        @Bean
        Customizer<ReactiveBreakerCircuitBreakerFactory> pricesCustomizer() {
            return (factory) -> factory.configure((builder) -> builder.configure((config) -> config.minimumCalls(6)),
                    "prices");
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class DefaultCustomizer {

        @Bean
        Customizer<BreakerCircuitBreakerFactory> defaultCustomizer() {
            CircuitBreakerConfig defaults = CircuitBreakerConfig.builder().minimumCalls(20).build();
            return (factory) -> factory.configureDefault((id) -> defaults);
        }

    }

}
