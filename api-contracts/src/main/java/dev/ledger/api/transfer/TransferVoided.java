package dev.ledger.api.transfer;

import org.axonframework.serialization.Revision;

/**
 * The transfer ended voided: its hold was released and nothing moved.
 */
@Revision("1")
public record TransferVoided(TransferId transferId) implements TransferEvent {
}
