package dev.ledger.transfer;

import dev.ledger.api.transfer.TransferId;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Whether a transfer has already recorded its end. The saga asks it when a request starts it: a request delivered
 * again after its saga ended, as after a processor's token was reset, must start nothing, because a leg sent again
 * for an ended transfer would be taken a second time by an account that no longer remembers the first.
 */
@FunctionalInterface
public interface TransferEnds {

    boolean hasEnded(TransferId transferId);

    /**
     * From the transfer's own stream, which holds its request at sequence number 0 and, after it, only what its saga
     * recorded: its end, and for a {@code MANUAL} transfer its authorization and second phase, which a running saga
     * handles. So a request that finds no saga, in a stream longer than the request, finds a saga that has ended.
     */
    static TransferEnds from(EventStore eventStore) {
        return transferId -> eventStore.lastSequenceNumberFor(transferId.value()).map(last -> last > 0).orElse(false);
    }
}
