package dev.ledger.api.transfer;

import org.axonframework.serialization.Revision;

/**
 * An authorized transfer reached its {@code expiresAt} uncaptured: the saga releases the hold. Decided once: no
 * capture or void follows.
 */
@Revision("1")
public record TransferAuthorizationLapsed(TransferId transferId) implements TransferEvent {
}
