package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's credit was put into the destination account.
 */
@Revision("1")
public record AccountCredited(AccountId accountId, TransferId transferId, Money amount, Money balanceAfter) implements TransferEvent {
}
