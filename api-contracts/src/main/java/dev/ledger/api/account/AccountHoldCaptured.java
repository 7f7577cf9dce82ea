package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's hold was captured: {@code amount} was posted as a debit of the source account and the rest of the hold,
 * {@code released}, given back to its available balance. {@code balanceAfter} is the posted balance after the debit
 * and {@code availableAfter} the available one.
 */
@Revision("1")
public record AccountHoldCaptured(AccountId accountId, TransferId transferId, Money amount, Money released, Money balanceAfter, Money availableAfter) implements TransferEvent {
}
