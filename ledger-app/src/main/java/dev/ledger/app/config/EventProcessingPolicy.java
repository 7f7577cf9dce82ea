package dev.ledger.app.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the ledger's events are processed. Each processor's settings live in one block,
 * {@code axon.eventhandling.processors} of {@code application.yml}: tracking mode, segments, threads, the
 * dead-letter queues of the read models and the sequencing policies of the transfer view and the books. Profiles
 * change only what differs there: batches and one segment on PostgreSQL, two segments again on Axon Server. What is
 * decided in code is here, or, for a processor that belongs to one feature, next to it:
 * <ul>
 *   <li>here: a failing handler is never skipped (below);</li>
 *   <li>{@code metrics.ProcessingMetrics}: the transfer metrics' subscribing processor, which logs its failures,
 *       because a metric must never fail a command;</li>
 *   <li>{@code kafka.KafkaBridgeConfiguration}: the Kafka publisher propagates a failed send;</li>
 *   <li>{@code axonserver.AxonServerNodeConfiguration}: on Axon Server, the token store's identifier before any
 *       processor starts, and the spreading of segments over the nodes ({@link ProcessorSettings});</li>
 *   <li>{@code correlation.CorrelationConfiguration}: every handler runs with the message's correlation id in the
 *       logging context.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorSettings.class)
class EventProcessingPolicy {

    /**
     * Axon's default logs a failing event handler and moves on, so a read model or a saga would silently miss
     * the event. Failures propagate instead: the processor retries with back-off, and its error shows in
     * {@code /api/admin/projections}. Read models go one step further and park the event in the dead-letter
     * queue ({@code dlq.enabled} in {@code application.yml}); sagas cannot use one.
     */
    @Bean
    ConfigurerModule failingHandlersAreNeverSkipped() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}
