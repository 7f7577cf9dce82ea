package dev.ledger.app.kafka;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.tracing.SpanFactory;

/**
 * Axon's Kafka publisher with a span around each send of a public event, named after its topic and event
 * ({@code KafkaPublisher.send(ledger.transfers)(TransferRefunded)}, in the style of Axon's span names). Axon traces the publishing processor's
 * handling only under a generic name, so without it the publish could not be told apart in a transfer's trace.
 * The span is a child of that handling, which joins the trace that stored the event; a failed send marks it.
 */
final class TracedKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private final SpanFactory spans;
    private final TopicResolver topics;

    TracedKafkaPublisher(Builder<String, byte[]> builder, SpanFactory spans, TopicResolver topics) {
        super(builder);
        this.spans = spans;
        this.topics = topics;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        topics.resolve(event).ifPresentOrElse(
                topic -> spans.createInternalSpan(() -> "KafkaPublisher.send(" + topic + ")", event)
                        .run(() -> super.send(event)),
                () -> super.send(event));
    }
}
