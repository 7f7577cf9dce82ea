package dev.ledger.app.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
 * <p>Sampling is decided once per transfer, at its request ({@code management.tracing.sampling.probability}, by
 * Boot's parent-based sampler): the {@code traceparent} in each message carries the decision to every span the
 * transfer causes, sampled or not, and the spans Axon starts as new roots follow it too
 * ({@link FollowTheCauseSampler}). The correlation id does not depend on sampling: it travels in the metadata.
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

    /** Wraps whichever sampler Boot configured, so its properties keep choosing how requests are sampled. */
    @Bean
    static BeanPostProcessor followTheCauseSampler() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof Sampler sampler && !(bean instanceof FollowTheCauseSampler)
                        ? new FollowTheCauseSampler(sampler)
                        : bean;
            }
        };
    }
}
