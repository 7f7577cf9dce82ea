package dev.ledger.app.account;

import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.SubscribableMessageSource;

/**
 * Stands between the event store and the saga's processor, and lets the test decide when each event reaches
 * the saga. It models a tracking processor under stress: an event is never lost (it stays pending until it
 * is delivered), but it may arrive late, out of order, or more than once.
 *
 * <p>It also keeps the journal: every event the ledger committed, in commit order, which is what the books are
 * checked against.
 */
final class ModelNetwork implements SubscribableMessageSource<EventMessage<?>> {

    private final List<EventMessage<?>> journal = new ArrayList<>();
    private final List<EventMessage<?>> pending = new ArrayList<>();
    private final List<EventMessage<?>> delivered = new ArrayList<>();
    private Consumer<List<? extends EventMessage<?>>> sagaProcessor;

    /** Subscribed to the event bus: everything committed is journaled, and a transfer's events wait for the saga. */
    void committed(List<? extends EventMessage<?>> events) {
        journal.addAll(events);
        for (EventMessage<?> event : events) {
            if (event.getPayload() instanceof TransferEvent) {
                pending.add(event);
            }
        }
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> processor) {
        sagaProcessor = processor;
        return () -> {
            sagaProcessor = null;
            return true;
        };
    }

    void deliver(int index) {
        EventMessage<?> event = pending.remove(index);
        delivered.add(event);
        sagaProcessor.accept(List.of(event));
    }

    void redeliver(EventMessage<?> event) {
        sagaProcessor.accept(List.of(event));
    }

    boolean isWaitingFor(TransferId transferId) {
        return pending.stream().anyMatch(event -> ((TransferEvent) event.getPayload()).transferId().equals(transferId));
    }

    int pendingCount() {
        return pending.size();
    }

    List<EventMessage<?>> delivered() {
        return Collections.unmodifiableList(delivered);
    }

    List<EventMessage<?>> journal() {
        return Collections.unmodifiableList(journal);
    }
}
