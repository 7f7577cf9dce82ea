package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import org.axonframework.serialization.Revision;

/**
 * The transfer ended with the debit returned to the source, because the credit failed for {@code reason}.
 */
@Revision("1")
public record TransferRefunded(TransferId transferId, LedgerErrorCode reason) implements TransferEvent {
}
