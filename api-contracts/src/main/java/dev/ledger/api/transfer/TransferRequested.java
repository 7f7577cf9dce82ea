package dev.ledger.api.transfer;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * A transfer was accepted; the saga starts on this event.
 */
@Revision("1")
public record TransferRequested(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId, Money amount, String reference) implements TransferEvent {
}
