package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * An authorized transfer is to move {@code amount}, at most what was authorized, as {@code requestedBy} asked: the
 * saga captures the hold and credits the destination. Decided once: no void, expiry or second capture follows.
 */
@Revision("1")
public record TransferCaptureRequested(TransferId transferId, Money amount, Requester requestedBy) implements TransferEvent {
}
