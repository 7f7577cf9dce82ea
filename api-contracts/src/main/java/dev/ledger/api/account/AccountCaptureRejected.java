package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's capture was refused on the source account; nothing was posted. {@code reason} is the broken rule.
 */
@Revision("1")
public record AccountCaptureRejected(AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason) implements TransferEvent {
}
