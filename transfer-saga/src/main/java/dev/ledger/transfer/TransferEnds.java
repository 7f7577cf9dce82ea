package dev.ledger.transfer;

import dev.ledger.api.transfer.TransferId;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Whether a transfer has moved on since an event that starts its saga. The saga asks it when a request, or a review's
 * resolution, starts it: delivered again after the saga it started ended, as after a processor's token was reset,
 * that event must start nothing, because a leg sent again for an ended transfer would be taken a second time by an
 * account that no longer remembers the first.
 */
@FunctionalInterface
public interface TransferEnds {

    /** The sequence number of the last event in the transfer's own stream; empty for a transfer never requested. */
    Optional<Long> lastEventOf(TransferId transferId);

    /**
     * A transfer's stream holds its request at sequence number 0 and, after it, only what its saga recorded: its end,
     * and for a {@code MANUAL} transfer its authorization and second phase, which a running saga handles. So a
     * request that finds no saga, in a stream longer than the request, finds a saga that has ended.
     */
    default boolean hasEnded(TransferId transferId) {
        return hasMovedOnFrom(transferId, 0);
    }

    /** Whether the transfer's stream has events after {@code sequenceNumber}. */
    default boolean hasMovedOnFrom(TransferId transferId, long sequenceNumber) {
        return lastEventOf(transferId).map(last -> last > sequenceNumber).orElse(false);
    }

    /** From the transfer's own stream in the event store. */
    static TransferEnds from(EventStore eventStore) {
        return transferId -> eventStore.lastSequenceNumberFor(transferId.value());
    }
}
