package dev.ledger.app.admin;

import dev.ledger.app.web.InvalidRequest;
import dev.ledger.app.web.RequestErrorCode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations on the streaming processors: how far each has caught up with the event store, and rebuilding a
 * read model by resetting its processor on this node and replaying every event. Sagas, and anything that
 * publishes outside the ledger, never replay: they would run transfers or publish events again.
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionsController {

    /** Processors that must never be reset even where Axon would allow it: replaying them has side effects. */
    static final Set<String> NEVER_REPLAYED = Set.of("transfer-saga", "kafka-publisher");

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionsController(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * {@code position} is the global index every segment has passed, {@code lag} how many index positions the
     * slowest segment is behind the head of the event store, and {@code status} one of RUNNING, REPLAYING,
     * ERROR or STOPPED. {@code rebuildable} says whether {@code rebuild} is allowed.
     */
    record Projection(String name, long position, long lag, String status, boolean rebuildable, int segments) {
    }

    record Projections(List<Projection> content) {
    }

    @GetMapping
    Projections list() {
        long head = positionOf(eventStore.createHeadToken()).orElse(0);
        return new Projections(processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(processor -> describe(processor, head))
                .sorted(Comparator.comparing(Projection::name))
                .toList());
    }

    @PostMapping("/{name}/rebuild")
    ResponseEntity<Projection> rebuild(@PathVariable String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new InvalidRequest(RequestErrorCode.PROJECTION_NOT_FOUND, "No projection " + name));
        if (!isRebuildable(processor)) {
            throw new InvalidRequest(RequestErrorCode.PROJECTION_NOT_REBUILDABLE,
                    name + " is not a read model: replaying it would repeat its side effects");
        }
        // resetTokens() needs every segment released; on other nodes, shut the processor down first.
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        long head = positionOf(eventStore.createHeadToken()).orElse(0);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(describe(processor, head));
    }

    private Projection describe(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        long position = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
        long lag = position < 0 ? head : Math.max(0, head - position);
        return new Projection(processor.getName(), Math.max(position, 0), lag, statusOf(processor, segments),
                isRebuildable(processor), segments.size());
    }

    private static String statusOf(StreamingEventProcessor processor, Map<Integer, EventTrackerStatus> segments) {
        if (!processor.isRunning()) {
            return "STOPPED";
        }
        if (processor.isError() || segments.values().stream().anyMatch(EventTrackerStatus::isErrorState)) {
            return "ERROR";
        }
        if (segments.values().stream().anyMatch(EventTrackerStatus::isReplaying)) {
            return "REPLAYING";
        }
        return "RUNNING";
    }

    private static boolean isRebuildable(StreamingEventProcessor processor) {
        return processor.supportsReset() && !NEVER_REPLAYED.contains(processor.getName());
    }

    private static OptionalLong positionOf(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
