package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's release was refused on the source account: it holds nothing for that transfer. {@code reason} is the
 * broken rule.
 */
@Revision("1")
public record AccountReleaseRejected(AccountId accountId, TransferId transferId, LedgerErrorCode reason) implements TransferEvent {
}
