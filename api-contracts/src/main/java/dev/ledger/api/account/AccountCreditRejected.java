package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's credit was refused; nothing moved into the destination. The saga refunds the debit.
 */
@Revision("1")
public record AccountCreditRejected(AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason) implements TransferEvent {
}
