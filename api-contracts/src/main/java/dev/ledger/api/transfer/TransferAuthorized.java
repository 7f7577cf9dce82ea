package dev.ledger.api.transfer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A {@code MANUAL} transfer's amount is held on its source account: it waits to be captured or voided until
 * {@code expiresAt}, when its authorization lapses.
 */
@Revision("1")
public record TransferAuthorized(TransferId transferId, Instant expiresAt) implements TransferEvent {
}
