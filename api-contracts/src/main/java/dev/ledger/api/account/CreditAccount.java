package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The second leg of a transfer: puts the amount into the destination account. Sent by the transfer saga
 * only. A credit the account cannot take becomes {@link AccountCreditRejected}. A repeated credit for the
 * same transfer has no second effect.
 */
public record CreditAccount(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount) {

    public CreditAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
    }
}
