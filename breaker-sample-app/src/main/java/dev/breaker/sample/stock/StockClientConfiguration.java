package dev.breaker.sample.stock;

import dev.breaker.sample.downstream.FlakyDownstream;
import java.net.URI;
import org.springframework.cloud.client.circuitbreaker.httpservice.HttpServiceFallback;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The {@code stock} HTTP service group, its fallback, and its base URL: the flaky downstream's
 * port is known only once it has started, so each request is pointed at it when it is sent.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "stock", types = StockClient.class)
@HttpServiceFallback(StockFallbacks.class)
class StockClientConfiguration {

    @Bean
    RestClientHttpServiceGroupConfigurer stockDownstream(FlakyDownstream downstream) {
        return (groups) -> groups.filterByName("stock")
            .forEachClient((group, client) -> client.baseUrl("http://downstream")
                .requestInterceptor((request, body, execution) -> execution.execute(new HttpRequestWrapper(request) {
                    @Override
                    public URI getURI() {
                        return downstream.baseUri().resolve(request.getURI().getRawPath() + "?" + request.getURI().getRawQuery());
                    }
                }, body)));
    }
}
