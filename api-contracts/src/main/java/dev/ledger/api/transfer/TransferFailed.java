package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import org.axonframework.serialization.Revision;

/**
 * The transfer ended with nothing moved, because the debit was rejected for {@code reason}.
 */
@Revision("1")
public record TransferFailed(TransferId transferId, LedgerErrorCode reason) implements TransferEvent {
}
