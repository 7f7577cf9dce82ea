package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's debit was taken from the source account.
 */
@Revision("1")
public record AccountDebited(AccountId accountId, TransferId transferId, Money amount, Money balanceAfter) implements TransferEvent {
}
