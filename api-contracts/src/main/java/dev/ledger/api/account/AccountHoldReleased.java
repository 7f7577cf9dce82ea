package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's hold of {@code amount} was given back to the source account's available balance, as the transfer
 * was voided or its authorization lapsed; nothing was posted.
 */
@Revision("1")
public record AccountHoldReleased(AccountId accountId, TransferId transferId, Money amount, Money availableAfter) implements TransferEvent {
}
