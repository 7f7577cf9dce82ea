package dev.ledger.app.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.kafka.publisher.lag}: how many event-store positions the Kafka publisher is behind the head of
 * the event store, the same figure as its {@code lag} in {@code GET /api/admin/projections}. It grows while the
 * broker is unreachable and falls back to zero once the events are out, so an alert on it catches an outage
 * that delays events (none is lost). Positions of events that are not published count too, so it is an upper
 * bound of the records waiting. NaN while this node does not hold the publisher's segment.
 */
@Component
@ConditionalOnBooleanProperty(name = "axon.kafka.publisher.enabled")
class KafkaPublisherLag {

    static final String METER = "ledger.kafka.publisher.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    KafkaPublisherLag(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        Gauge.builder(METER, this, KafkaPublisherLag::lag)
                .description("Event-store positions not yet published to Kafka")
                .baseUnit("events")
                .register(registry);
    }

    double lag() {
        Collection<EventTrackerStatus> segments = processing
                .eventProcessor(KafkaBridgeConfiguration.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values())
                .orElse(List.of());
        if (segments.isEmpty()) {
            return Double.NaN;
        }
        long published = segments.stream().mapToLong(segment -> segment.getCurrentPosition().orElse(-1)).min()
                .orElseThrow();
        long head = positionOf(eventStore.createHeadToken());
        return published < 0 ? head : Math.max(0, head - published);
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
