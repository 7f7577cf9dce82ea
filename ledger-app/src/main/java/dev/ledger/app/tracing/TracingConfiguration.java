package dev.ledger.app.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans on the same OpenTelemetry SDK as Micrometer Tracing, so one trace runs from the HTTP request
 * through the commands, the events, the saga's handlers and the Kafka publisher.
 *
 * <p>Axon's own autoconfiguration builds its span factory on {@code GlobalOpenTelemetry}, which Spring Boot
 * never registers: its spans would go nowhere. This one takes Boot's SDK. Axon carries the trace context from
 * a message to its handlers in the message's metadata ({@code traceparent}), W3C only: baggage stays out of
 * stored events. Handlers of streaming processors join the publishing trace rather than start their own
 * ({@code axon.tracing.event-processor.distributed-in-same-trace} in {@code application.yml}).
 *
 * <p>Spans are exported only when an OTLP endpoint is configured
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}); without one they still give the log lines
 * their trace and span ids.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    SpanFactory axonSpanFactory(OpenTelemetry openTelemetry) {
        return OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(W3CTraceContextPropagator.getInstance())
                .build();
    }
}
