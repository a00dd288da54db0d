package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad value in the shop's YAML stops it with Spring Boot's report, naming the property, the
 * value, the file and line it came from, and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShopStartupFailureTests {

    @Test
    void thresholdWrittenAsAPercentageShouldStopTheShopWithAReport(CapturedOutput output) {
        SpringApplication shop = new SpringApplication(ShopApplication.class);
        shop.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> shop
            .run("--spring.profiles.active=shop", "--spring.config.import=classpath:shop-threshold-as-percent.yml")
            .close());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: breaker.instances.inventory.failure-rate-threshold")
            .contains("Value: \"50\"")
            .contains("Origin: class path resource [shop-threshold-as-percent.yml] - 5:31")
            .contains("Reason: must be a fraction between 0 (exclusive) and 1 (inclusive), for example 0.5 for 50%");
    }

}
