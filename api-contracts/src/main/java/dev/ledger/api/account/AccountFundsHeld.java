package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's amount was reserved on the source account: {@code availableAfter} fell by {@code amount}, its posted
 * balance did not. Held until the transfer is captured, voided or expires.
 */
@Revision("1")
public record AccountFundsHeld(AccountId accountId, TransferId transferId, Money amount, Money availableAfter) implements TransferEvent {
}
