package dev.ledger.api.transfer;

import org.axonframework.serialization.Revision;

/**
 * The transfer ended: the source was debited and the destination credited.
 */
@Revision("1")
public record TransferCompleted(TransferId transferId) implements TransferEvent {
}
