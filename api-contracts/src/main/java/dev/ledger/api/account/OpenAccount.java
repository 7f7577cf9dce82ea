package dev.ledger.api.account;

import dev.ledger.api.OpaqueIds;
import dev.ledger.api.money.Money;
import java.util.Currency;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a new account for {@code owner} (an opaque principal id, never personal data) in one currency.
 * The overdraft limit says how far below zero withdrawals and transfer debits may take the balance.
 * Rejected with {@code ACCOUNT_EXISTS} when the id is taken.
 */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, String owner, Currency currency, Money overdraftLimit) {

    public OpenAccount {
        Objects.requireNonNull(accountId, "accountId");
        OpaqueIds.requireValid(owner, "owner");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(overdraftLimit, "overdraftLimit");
        if (!overdraftLimit.isIn(currency) || overdraftLimit.minorUnits() < 0) {
            throw new IllegalArgumentException("overdraftLimit must be zero or positive, in the account currency");
        }
    }
}
