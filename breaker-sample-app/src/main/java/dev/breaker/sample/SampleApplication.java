package dev.breaker.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop front that calls three flaky downstream services through circuit breakers: a payment
 * provider, a market-data API and a per-user bot backend. The downstream runs in the same
 * process on its own loopback port, and its failure rate and latency can be switched over HTTP.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
