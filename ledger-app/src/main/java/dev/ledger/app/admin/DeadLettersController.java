package dev.ledger.app.admin;

import dev.ledger.app.web.InvalidRequest;
import dev.ledger.app.web.RequestErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events a read model could not handle, parked in its dead-letter queue rather than skipped, and a way to
 * retry them once the cause is fixed.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLettersController {

    private final EventProcessingConfiguration processing;

    DeadLettersController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    record ParkedEvent(String processingGroup, String eventIdentifier, String eventType, String aggregateIdentifier,
                       Long sequenceNumber, String causeType, String causeMessage, Instant enqueuedAt,
                       Instant lastTouched) {
    }

    record ParkedEvents(List<ParkedEvent> content) {
    }

    record RetryOutcome(String processingGroup, int sequencesRetried, long stillParked) {
    }

    @GetMapping
    ParkedEvents list() {
        List<ParkedEvent> parked = new ArrayList<>();
        for (String group : processing.eventProcessors().keySet()) {
            processing.deadLetterQueue(group).ifPresent(queue -> {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    sequence.forEach(letter -> parked.add(describe(group, letter)));
                }
            });
        }
        return new ParkedEvents(parked);
    }

    /** Retries every parked sequence of one read model once; what fails again stays parked. */
    @PostMapping("/{processingGroup}/retry")
    ResponseEntity<RetryOutcome> retry(@PathVariable String processingGroup) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(processingGroup)
                .orElseThrow(() -> new InvalidRequest(RequestErrorCode.PROJECTION_NOT_FOUND,
                        "No dead-letter queue for " + processingGroup));
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup).orElseThrow();
        long sequences = queue.amountOfSequences();
        int retried = 0;
        while (retried < sequences && processor.processAny()) {
            retried++;
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new RetryOutcome(processingGroup, retried, queue.amountOfSequences()));
    }

    private static ParkedEvent describe(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        Cause cause = letter.cause().orElse(null);
        return new ParkedEvent(group, event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregate,
                sequence, cause == null ? null : cause.type(), cause == null ? null : cause.message(),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
