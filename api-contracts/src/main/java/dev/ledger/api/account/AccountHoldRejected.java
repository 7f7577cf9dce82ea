package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A transfer's hold was refused; nothing was reserved. {@code reason} is the broken rule.
 */
@Revision("1")
public record AccountHoldRejected(AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason) implements TransferEvent {
}
