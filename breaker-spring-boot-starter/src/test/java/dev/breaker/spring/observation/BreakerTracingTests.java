package dev.breaker.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerConfig;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.ManualClock;
import dev.breaker.spring.test.Breakers;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls through a breaker traced with Micrometer Tracing's OpenTelemetry bridge, exported to
 * memory: a call is a span that is the parent of the downstream's span, and a rejection is a
 * span event that says the breaker, its state and the retry time.
 */
class BreakerTracingTests {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
        .build();

    private final ObservationRegistry observationRegistry = ObservationRegistry.create();

    private final ManualClock clock = new ManualClock();

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.builder()
        .clock(this.clock)
        .config("payment", CircuitBreakerConfig.builder()
            .consecutiveFailuresThreshold(1)
            .waitInOpen(Duration.ofSeconds(30))
            .backoffJitter(0)
            .build())
        .build();

    private final BreakerObservations observations = new BreakerObservations(this.observationRegistry, null);

    BreakerTracingTests() {
        OtelTracer tracer = new OtelTracer(this.tracerProvider.get("breaker-tests"), new OtelCurrentTraceContext(),
                (event) -> {
                });
        this.observationRegistry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
        this.observations.observeCallsOf(this.breakers);
    }

    @AfterEach
    void closeTracerProvider() {
        this.tracerProvider.close();
    }

    @Test
    void rejectedCallShouldBeASpanWithAnEventNamingBreakerStateAndRetryTime() {
        CircuitBreaker payment = this.breakers.breaker("payment");
        Breakers.trip(payment);
        this.clock.advance(Duration.ofSeconds(18));
        this.exporter.reset();
        assertThatExceptionOfType(CircuitOpenException.class)
            .isThrownBy(() -> this.observations.observe(payment, () -> payment.execute(() -> "not run")));

        List<SpanData> rejected = this.exporter.getFinishedSpanItems();
        assertThat(rejected).singleElement().satisfies((span) -> {
            assertThat(span.getName()).isEqualTo("breaker payment");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("rejected");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("breaker.state"))).isEqualTo("OPEN");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("breaker.retry-after"))).isEqualTo("12");
            assertThat(span.getEvents()).singleElement()
                .satisfies((event) -> assertThat(event.getName())
                    .isEqualTo("short-circuited: breaker=payment state=OPEN retry-after=12s"));
        });
    }

    @Test
    void protectedCallShouldBeTheParentOfTheDownstreamSpan() throws Throwable {
        CircuitBreaker payment = this.breakers.breaker("payment");
        this.observations.observe(payment, () -> payment.execute(
                () -> Observation.createNotStarted("downstream.request", this.observationRegistry).observe(() -> "paid")));
        List<SpanData> spans = this.exporter.getFinishedSpanItems();
        assertThat(spans).extracting(SpanData::getName).containsExactly("downstream.request", "breaker payment");
        SpanData downstream = spans.get(0);
        SpanData call = spans.get(1);
        assertThat(downstream.getParentSpanId()).isEqualTo(call.getSpanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
        assertThat(call.getEvents()).isEmpty();
    }

}
