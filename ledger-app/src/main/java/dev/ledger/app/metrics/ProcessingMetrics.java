package dev.ledger.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import dev.ledger.transfer.StepTimeouts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Meters of the event processing itself:
 *
 * <ul>
 *   <li>{@code ledger.processor.lag{processing_group}} (events): event-store positions the slowest segment of each
 *       streaming processor (read models, the saga, the Kafka publisher) is behind the head of the store, the
 *       {@code lag} of {@code GET /api/admin/projections}; NaN while this node holds none of its segments;</li>
 *   <li>{@code ledger.dead_letters{processing_group}}: events parked in a read model's dead-letter queue;</li>
 *   <li>{@code ledger.saga.step.timeouts{stage}}: saga steps that went a whole step timeout unanswered, each one a
 *       step sent again or, at the last attempt, a transfer put in manual review.</li>
 * </ul>
 *
 * Processors exist only once Axon has started, so their gauges are registered when the application is ready.
 * Also sets up the subscribing processor of {@link TransferFlowMetrics}, whose failures must never fail the
 * command that published the event: they are logged instead.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingMetrics {

    /** The head of the event store, read at most once a second however many gauges ask. */
    private static final Duration HEAD_FRESH_FOR = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private long head;
    private Instant headReadAt = Instant.MIN;

    ProcessingMetrics(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry registry) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.registry = registry;
    }

    /** Static, as is the other module: Axon's configuration is built from them before this class can exist. */
    @Bean
    static ConfigurerModule metricsNeverFailACommand() {
        return configurer -> configurer.eventProcessing(eventProcessing -> eventProcessing
                .registerSubscribingEventProcessor(TransferFlowMetrics.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(TransferFlowMetrics.PROCESSING_GROUP,
                        c -> new LoggingErrorHandler()));
    }

    /** Counted once the saga's unit of work commits: a rolled-back timeout is handled again, and counted then. */
    @Bean
    static StepTimeouts stepTimeoutsAreCounted(ObjectProvider<MeterRegistry> meters) {
        return stage -> AfterCommit.run(() -> Counter.builder("ledger.saga.step.timeouts")
                .description("Saga steps that went a step timeout unanswered: sent again, or ended in manual review")
                .tag("stage", stage)
                .register(meters.getObject())
                .increment());
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerProcessorGauges() {
        for (EventProcessor processor : processing.eventProcessors().values()) {
            String group = processor.getName();
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("ledger.processor.lag", streaming, this::lagOf)
                        .description("Event-store positions the processor's slowest segment is behind the head")
                        .baseUnit("events")
                        .tag("processing_group", group)
                        .register(registry);
            }
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(group);
            queue.ifPresent(letters -> Gauge.builder("ledger.dead_letters", letters, SequencedDeadLetterQueue::size)
                    .description("Events parked in the processing group's dead-letter queue")
                    .tag("processing_group", group)
                    .register(registry));
        }
    }

    private double lagOf(StreamingEventProcessor processor) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1))
                .min()
                .orElse(Long.MIN_VALUE);
        if (position == Long.MIN_VALUE) {
            return Double.NaN;
        }
        long current = head();
        return position < 0 ? current : Math.max(0, current - position);
    }

    private synchronized long head() {
        Instant now = clock.instant();
        if (now.isAfter(headReadAt.plus(HEAD_FRESH_FOR))) {
            var token = eventStore.createHeadToken();
            head = token == null ? 0 : token.position().orElse(0);
            headReadAt = now;
        }
        return head;
    }
}
