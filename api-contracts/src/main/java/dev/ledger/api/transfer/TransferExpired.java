package dev.ledger.api.transfer;

import org.axonframework.serialization.Revision;

/**
 * The transfer ended expired: its authorization lapsed, its hold was released and nothing moved.
 */
@Revision("1")
public record TransferExpired(TransferId transferId) implements TransferEvent {
}
