package dev.ledger.app.audit;

import java.util.Objects;
import java.util.function.Function;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.stereotype.Component;

/**
 * How far the account read model's processor has come, per account. The read model follows the event store
 * eventually, so a difference from the events means an error only once the processor has passed the account's
 * latest event. An account belongs to one segment of the processor, and only that segment's position counts:
 * a busy or failing segment elsewhere says nothing about it.
 */
@Component
class ReadModelProgress {

    private final EventProcessingConfiguration processing;
    private final String processorName;

    ReadModelProgress(EventProcessingConfiguration processing, AuditSettings settings) {
        this.processing = processing;
        this.processorName = settings.readModelProcessor();
    }

    /**
     * The key by which the processor assigns an event to a segment, computed the way Axon's event handler
     * invoker does: its sequencing policy, falling back to the event's own identifier.
     */
    Function<EventMessage<?>, Object> segmentKeys() {
        SequencingPolicy<? super EventMessage<?>> policy = processing.sequencingPolicy(processorName);
        return event -> Objects.requireNonNullElse(policy.getSequenceIdentifierFor(event), event.getIdentifier());
    }

    /**
     * Whether the processor has handled the event at {@code position} whose segment key is {@code key}. Without
     * such a processor nothing is pending, so the read model is taken as it is. A segment not claimed on this
     * node cannot be seen, so its accounts count as not yet caught up.
     */
    boolean hasHandled(Object key, long position) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .filter(segment -> segment.getSegment().matches(key))
                        .anyMatch(segment -> positionOf(segment) >= position))
                .orElse(true);
    }

    private static long positionOf(EventTrackerStatus segment) {
        return segment.getCurrentPosition().orElse(-1);
    }
}
