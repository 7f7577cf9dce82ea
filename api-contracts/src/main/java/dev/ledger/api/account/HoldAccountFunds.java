package dev.ledger.api.account;

import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The first leg of a transfer captured later ({@code MANUAL}): reserves the amount on the source account. Its posted
 * balance stays as it is; its available balance falls by the amount, and every later debit, withdrawal and hold is
 * held to what is available. Sent by the transfer saga only. It never throws for a broken rule: the account records
 * {@link AccountHoldRejected} instead, for the same rules as a debit ({@link DebitAccount}). A repeated hold for the
 * same transfer has no second effect.
 *
 * <p>{@code requestedAt} is when the transfer was requested: the account refuses a leg of a transfer older than it
 * remembers legs for, with {@code TRANSFER_TOO_OLD}, since it could not tell a repeat from a first.
 */
public record HoldAccountFunds(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, Requester requestedBy, Instant requestedAt) {

    public HoldAccountFunds {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
