package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Compensation: returns a transfer's debit to the source account because the credit could not be made.
 * {@code reason} is why the transfer is being refunded. It is honoured on a frozen account (the money is
 * the owner's); a closed account records {@link AccountRefundRejected}. Only a debited transfer can be
 * refunded, and only once.
 */
public record RefundAccountDebit(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason) {

    public RefundAccountDebit {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(reason, "reason");
    }
}
