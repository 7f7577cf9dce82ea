package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import org.axonframework.serialization.Revision;

/**
 * An authorized transfer is cancelled, as {@code requestedBy} asked: the saga releases the hold. Decided once: no
 * capture or expiry follows.
 */
@Revision("1")
public record TransferVoidRequested(TransferId transferId, Requester requestedBy) implements TransferEvent {
}
