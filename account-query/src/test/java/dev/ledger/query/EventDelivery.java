package dev.ledger.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;

/**
 * Stands in for a read model's event processor. Events reach the projection through Axon's own handler
 * resolution, so its {@code @SequenceNumber}, {@code @Timestamp} and {@code EventMessage} parameters are
 * filled from the message as in production, and a handler that lost its annotation is noticed. After each
 * delivery the persistence context is flushed and cleared, as the processor's commit would leave it: every
 * later read goes to the database, and JPA's first-level cache cannot hide an update that was never written.
 */
public final class EventDelivery {

    private final AnnotationEventHandlerAdapter projection;
    private final TestEntityManager entityManager;

    public EventDelivery(Object projection, TestEntityManager entityManager) {
        this.projection = new AnnotationEventHandlerAdapter(projection);
        this.entityManager = entityManager;
    }

    /** Delivers each event in turn, each as if in its own unit of work. */
    public void deliver(EventMessage<?>... events) throws Exception {
        for (EventMessage<?> event : events) {
            // The adapter silently ignores an event it has no handler for, which would make a test pass for
            // the wrong reason.
            if (!projection.canHandle(event)) {
                throw new IllegalArgumentException(projection.getTargetType().getSimpleName()
                        + " has no event handler for " + event.getPayloadType().getSimpleName());
            }
            projection.handle(event);
            settle();
        }
    }

    /** Runs the projection's reset handler, as a processor does before it replays. */
    public void reset() {
        projection.prepareReset();
        settle();
    }

    private void settle() {
        entityManager.flush();
        entityManager.clear();
    }
}
