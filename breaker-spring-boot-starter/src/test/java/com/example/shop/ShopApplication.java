package com.example.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small shop that uses the starter as an application would: breakers in
 * {@code application-shop.yml}, {@code @CircuitProtected} services, the actuator endpoint, health
 * and Prometheus meters. Its downstreams are stubs that tests switch to failing.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ShopApplication {

    @Bean
    StubDownstream warehouse() {
        return new StubDownstream("warehouse");
    }

    @Bean
    StubDownstream pricingEngine() {
        return new StubDownstream("pricing engine");
    }

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }

}
