package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Compensation: returns a transfer's debit to the source account because the credit could not be made.
 * {@code reason} is why the transfer is being refunded. It is honoured on a frozen account (the money is
 * the owner's); a closed account records {@link AccountRefundRejected}. Only a debited transfer can be
 * refunded, and only once.
 *
 * <p>{@code requestedAt} is when the transfer was requested: the account refuses a leg of a transfer older than it
 * remembers legs for, with {@code TRANSFER_TOO_OLD}, since it could not tell a repeat from a first.
 */
public record RefundAccountDebit(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, LedgerErrorCode reason, Instant requestedAt) {

    public RefundAccountDebit {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
