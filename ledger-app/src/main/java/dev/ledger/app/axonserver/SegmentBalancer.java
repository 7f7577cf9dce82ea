package dev.ledger.app.axonserver;

import io.axoniq.axonserver.grpc.admin.EventProcessor;
import io.axoniq.axonserver.grpc.admin.EventProcessorInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Spreads each streaming processor's segments over the nodes that run it. Axon Server SE, unlike its Enterprise
 * edition, balances no processors: a node claims every segment it has a thread for, so the first node to start did
 * all the event processing and the second idled. Each period, every node asks Axon Server how many running instances
 * each of its processors has, and releases one segment while it holds more than its fair share (the processor's
 * segments divided by its instances, rounded up); a node with a free thread claims it at its next claim. The balancer
 * only ever gives work away: a dead node's segments are claimed by the survivors once its claims time out, as Axon
 * always does, and a node alone keeps everything.
 */
class SegmentBalancer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final AxonServerConnectionManager connections;
    private final AxonServerConfiguration axonServer;
    private final Duration period;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "segment-balancer");
        thread.setDaemon(true);
        return thread;
    });

    SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore,
                    TransactionManager transactionManager, AxonServerConnectionManager connections,
                    AxonServerConfiguration axonServer, Duration period) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.connections = connections;
        this.axonServer = axonServer;
        this.period = period;
    }

    /** Rounds start once the node serves requests: its processors are running and Axon Server knows them. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        schedule.scheduleWithFixedDelay(this::balanceQuietly, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.info("Segments not balanced this time: {}", e.toString());
        }
    }

    /** One round: at most one segment released per processor, so that a round can never empty a node. */
    void balance() {
        List<EventProcessor> cluster = clusterView();
        processing.eventProcessors().forEach((name, each) -> {
            if (!(each instanceof StreamingEventProcessor processor)) {
                return;
            }
            long instances = cluster.stream()
                    .filter(known -> known.getIdentifier().getProcessorName().equals(name))
                    .flatMap(known -> known.getClientInstanceList().stream())
                    .filter(EventProcessorInstance::getIsRunning)
                    .count();
            if (instances < 2) {
                return;
            }
            int segments = transactionManager.fetchInTransaction(() -> tokenStore.fetchSegments(name)).length;
            int fairShare = (int) ((segments + instances - 1) / instances);
            List<Integer> mine = processor.processingStatus().keySet().stream()
                    .sorted(Comparator.reverseOrder())
                    .toList();
            if (mine.size() > fairShare) {
                int released = mine.get(0);
                log.info("Processor {}: releasing segment {} of {}, holding {} with {} instances running it", name,
                        released, segments, mine.size(), instances);
                processor.releaseSegment(released);
            }
        });
    }

    private List<EventProcessor> clusterView() {
        List<EventProcessor> known = new ArrayList<>();
        var stream = connections.getConnection(axonServer.getContext()).adminChannel()
                .eventProcessorsByComponent(axonServer.getComponentName());
        try {
            EventProcessor next;
            while ((next = stream.nextIfAvailable(5, TimeUnit.SECONDS)) != null) {
                known.add(next);
            }
            stream.getError().ifPresent(error -> {
                throw new IllegalStateException("Axon Server did not list the processors", error);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
        }
        return known;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
