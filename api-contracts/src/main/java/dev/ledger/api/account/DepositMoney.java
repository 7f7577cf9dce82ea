package dev.ledger.api.account;

import dev.ledger.api.Reference;
import dev.ledger.api.money.Money;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cash in from outside the ledger. Rejected with {@code ACCOUNT_FROZEN}, {@code ACCOUNT_CLOSED} or
 * {@code CURRENCY_MISMATCH}. The amount is positive; the reference keeps {@link Reference}'s rule.
 */
public record DepositMoney(@TargetAggregateIdentifier AccountId accountId, Money amount, String reference) {

    public DepositMoney {
        Objects.requireNonNull(accountId, "accountId");
        Money.requirePositive(amount, "amount");
        Reference.requireValid(reference);
    }
}
