package dev.ledger.app.kafka;

import dev.ledger.api.Correlation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Lets only named metadata out as {@code axon-metadata-*} headers. Axon writes every metadata entry of an event
 * into a header, and metadata is open-ended: whatever a future interceptor adds (a principal, a client address)
 * would leave the ledger unnoticed. An allow-list keeps the published headers to what the AsyncAPI document
 * names, none of which is personal data:
 *
 * <ul>
 *   <li>{@code correlationId} and {@code causationId} (see {@link Correlation});</li>
 *   <li>{@code traceparent}, the W3C trace context of the span that stored the event, so a consumer can join
 *       the ledger's trace.</li>
 * </ul>
 */
final class MetadataAllowList implements KafkaMessageConverter<String, byte[]> {

    static final Set<String> PUBLISHED = Set.of(Correlation.CORRELATION_ID, Correlation.CAUSATION_ID, "traceparent");

    private final KafkaMessageConverter<String, byte[]> delegate;

    MetadataAllowList(KafkaMessageConverter<String, byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        Map<String, Object> allowed = new HashMap<>();
        eventMessage.getMetaData().forEach((key, value) -> {
            if (PUBLISHED.contains(key) && value != null) {
                allowed.put(key, value);
            }
        });
        return delegate.createKafkaMessage(eventMessage.withMetaData(allowed), topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        return delegate.readKafkaMessage(consumerRecord);
    }
}
