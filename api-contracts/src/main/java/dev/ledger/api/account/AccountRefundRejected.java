package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.serialization.Revision;

/**
 * A refund could not be applied (the source account was closed meanwhile). The transfer goes to manual review.
 */
@Revision("1")
public record AccountRefundRejected(AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason) implements TransferEvent {
}
