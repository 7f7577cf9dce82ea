package dev.ledger.api.account;

import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The first leg of a transfer: takes the amount out of the source account. Sent by the transfer saga
 * only. It never throws for a broken rule: the account records {@link AccountDebitRejected} instead. A
 * repeated debit for the same transfer has no second effect. The account refuses the debit with
 * {@code ACCOUNT_NOT_FOUND}, as it would answer that requester over the API, unless {@code requestedBy} may
 * debit it.
 *
 * <p>{@code requestedAt} is when the transfer was requested: the account refuses a leg of a transfer older than it
 * remembers legs for, with {@code TRANSFER_TOO_OLD}, since it could not tell a repeat from a first.
 */
public record DebitAccount(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, Requester requestedBy, Instant requestedAt) {

    public DebitAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
