package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitState;
import dev.breaker.sample.downstream.Behaviour;
import dev.breaker.sample.downstream.FlakyDownstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps 1,000 requests in flight against the app, on loopback, while the payment provider fails
 * and recovers. Every request must get a designed answer (no 5xx other than 503), the breaker
 * must open while the provider fails and close after it recovers, and the breaker's counts must
 * equal the requests sent. Bounded in time: each phase has a deadline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "breaker.instances.payment.wait-in-open=500ms", "breaker.instances.payment.backoff.jitter=0",
        "breaker.instances.payment.backoff.multiplier=1", "logging.level.dev.breaker=WARN" })
class SampleLoadTest {

    private static final int IN_FLIGHT = 1000;
    private static final Duration PHASE_DEADLINE = Duration.ofSeconds(25);

    @LocalServerPort
    int port;

    @Autowired
    FlakyDownstream downstream;

    @Autowired
    CircuitBreakerRegistry registry;

    private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().executor(clientThreads)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong otherStatus = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicInteger user = new AtomicInteger();

    @AfterEach
    void stopClient() {
        clientThreads.shutdownNow();
    }

    @Test
    void keepsAThousandRequestsInFlightWhileTheDownstreamFailsAndRecovers() throws Exception {
        CircuitBreaker payment = registry.breaker("payment");
        Latencies warmup = new Latencies();
        load("/unprotected", warmup, () -> warmup.count() >= 5_000);
        Latencies warmupProtected = new Latencies();
        load("", warmupProtected, () -> warmupProtected.count() >= 5_000);

        Phase unprotected = measure("/unprotected");
        drain();
        payment.reset();
        long baseline = countedBy(payment);
        sent.set(0);
        Phase healthy = measure("");
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
        drain();
        // the unprotected path again, after the protected one, so that neither gains from running later
        Phase unprotectedAgain = measure("/unprotected");
        if (unprotectedAgain.perSecond() > unprotected.perSecond()) {
            unprotected = unprotectedAgain;
        }
        drain();

        downstream.behave("payment", new Behaviour(1.0, 0));
        Latencies failing = new Latencies();
        load("", failing, () -> payment.state() == CircuitState.OPEN && failing.count() >= 5_000);

        downstream.behave("payment", Behaviour.HEALTHY);
        Latencies recovering = new Latencies();
        load("", recovering, () -> payment.state() == CircuitState.CLOSED && recovering.count() >= 5_000);
        drain();

        JsonNode counted = new ObjectMapper().readTree(new Http(port).get("/actuator/circuitbreakers/payment").body());
        long calls = counted.get("calls").asLong();
        long rejections = counted.get("rejections").asLong();
        assertThat(serverErrors.get()).as("5xx answers").isZero();
        assertThat(transportErrors.get()).as("requests without an answer").isZero();
        assertThat(otherStatus.get()).as("answers other than 200").isZero();
        assertThat(rejections).as("rejections while the provider failed").isPositive();
        assertThat(payment.stats().opens()).isPositive();
        assertThat(payment.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(calls + rejections - baseline).as("counted by the breaker").isEqualTo(sent.get());

        System.out.printf("load: %d requests, %d in flight, %d queued by the fallback%n", sent.get(), IN_FLIGHT,
                queued.get());
        System.out.printf("load: unprotected %.0f req/s, p50 %.1f ms, p99 %.1f ms (better of two runs)%n",
                unprotected.perSecond(), unprotected.latencies().percentile(0.50), unprotected.latencies().percentile(0.99));
        System.out.printf("load: with breaker %.0f req/s, p50 %.1f ms, p99 %.1f ms%n", healthy.perSecond(),
                healthy.latencies().percentile(0.50), healthy.latencies().percentile(0.99));
        System.out.printf("load: while failing p99 %.1f ms; while recovering p99 %.1f ms%n", failing.percentile(0.99),
                recovering.percentile(0.99));
    }

    /** Sends 20,000 requests to one path, 1,000 in flight, and times them. */
    private Phase measure(String suffix) throws InterruptedException {
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        load(suffix, latencies, () -> latencies.count() >= 20_000);
        return new Phase(latencies, latencies.count() / ((System.nanoTime() - start) / 1e9));
    }

    /** The latencies of one measured phase and its throughput in requests per second. */
    private record Phase(Latencies latencies, double perSecond) {
    }

    /** Waits until every request sent so far has its answer. */
    private void drain() throws InterruptedException {
        assertThat(inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)).as("all requests answered").isTrue();
        inFlight.release(IN_FLIGHT);
    }

    private long countedBy(CircuitBreaker breaker) {
        return breaker.stats().calls() + breaker.stats().rejections();
    }

    /** Sends requests, never more than {@link #IN_FLIGHT} unanswered, until the condition holds. */
    private void load(String suffix, Latencies latencies, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("phase finished in time").isLessThan(deadline);
            if (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
                continue;
            }
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/payments/user-" + (user.incrementAndGet() % 500) + suffix);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
            long begin = System.nanoTime();
            if (suffix.isEmpty()) {
                sent.incrementAndGet();
            }
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        transportErrors.incrementAndGet();
                    }
                    else {
                        latencies.record(System.nanoTime() - begin);
                        int status = response.statusCode();
                        if (status >= 500 && status != 503) {
                            if (serverErrors.incrementAndGet() <= 3) {
                                System.out.println("load: unexpected " + status + " on " + uri + ": " + response.body());
                            }
                        }
                        else if (status != 200) {
                            otherStatus.incrementAndGet();
                        }
                        else if (response.body().contains("\"queued\"")) {
                            queued.incrementAndGet();
                        }
                    }
                }
                finally {
                    inFlight.release();
                }
            });
        }
    }

    /** Latencies in a fixed histogram of 0.1 ms buckets up to 10 s: no allocation per request. */
    static final class Latencies {

        private static final int BUCKETS = 100_000;
        private final AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        private final AtomicLong count = new AtomicLong();

        void record(long nanos) {
            histogram.incrementAndGet((int) Math.min(BUCKETS - 1, nanos / 100_000));
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }

        double percentile(double p) {
            long target = (long) Math.ceil(count.get() * p);
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += histogram.get(i);
                if (seen >= target) {
                    return (i + 1) / 10.0;
                }
            }
            return BUCKETS / 10.0;
        }
    }
}
