package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's debit was returned to the source account, because the credit failed for {@code reason}.
 */
@Revision("1")
public record AccountDebitRefunded(AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason, Money balanceAfter) implements TransferEvent {
}
