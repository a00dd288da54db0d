package dev.breaker.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions of the libraries compared, as the build resolved them. */
record Versions(String breaker, String resilience4j, String failsafe, String jmh, String springBoot) {

    static Versions load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Versions(properties.getProperty("breaker", "?"), properties.getProperty("resilience4j", "?"),
                properties.getProperty("failsafe", "?"), properties.getProperty("jmh", "?"),
                properties.getProperty("spring-boot", "?"));
    }
}
