package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The second leg of a transfer: puts the amount into the destination account. Sent by the transfer saga
 * only. A credit the account cannot take becomes {@link AccountCreditRejected}. A repeated credit for the
 * same transfer has no second effect.
 *
 * <p>{@code requestedAt} is when the transfer was requested: the account refuses a leg of a transfer older than it
 * remembers legs for, with {@code TRANSFER_TOO_OLD}, since it could not tell a repeat from a first.
 */
public record CreditAccount(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, Instant requestedAt) {

    public CreditAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
