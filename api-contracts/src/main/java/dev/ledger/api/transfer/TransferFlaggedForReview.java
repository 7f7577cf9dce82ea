package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import org.axonframework.serialization.Revision;

/**
 * The transfer ended in manual review: a step could not finish and could not be compensated.
 */
@Revision("1")
public record TransferFlaggedForReview(TransferId transferId, LedgerErrorCode reason) implements TransferEvent {
}
