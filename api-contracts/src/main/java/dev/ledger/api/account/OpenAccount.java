package dev.ledger.api.account;

import dev.ledger.api.OpaqueIds;
import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a new account for {@code owner} (an opaque principal id, never personal data) in one currency.
 * The overdraft limit says how far below zero withdrawals and transfer debits may take the balance. It is
 * credit the bank grants, so only staff set it: {@code openedBy} says who asked. Staff open accounts for any
 * owner with any overdraft; a customer opens its own, without one. Rejected with {@code PROPERTY_NOT_ALLOWED}
 * when {@code openedBy} may not open it so ({@link #propertyNotAllowed()}), and with {@code ACCOUNT_EXISTS} when
 * the id is taken.
 */
public record OpenAccount(@TargetAggregateIdentifier AccountId accountId, String owner, Currency currency,
                          Money overdraftLimit, Requester openedBy) {

    public OpenAccount {
        Objects.requireNonNull(accountId, "accountId");
        OpaqueIds.requireValid(owner, "owner");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(overdraftLimit, "overdraftLimit");
        Objects.requireNonNull(openedBy, "openedBy");
        if (!overdraftLimit.isIn(currency) || overdraftLimit.minorUnits() < 0) {
            throw new IllegalArgumentException("overdraftLimit must be zero or positive, in the account currency");
        }
    }

    /**
     * Why {@code openedBy} may not open this account as asked, if it may not: the one rule that both the API,
     * before sending the command, and the account, whatever route the command took, hold an opening to.
     */
    public Optional<String> propertyNotAllowed() {
        if (openedBy.actsForTheBank()) {
            return Optional.empty();
        }
        if (!openedBy.principal().equals(owner)) {
            return Optional.of("owner: only a teller or an admin opens an account for another owner");
        }
        if (!overdraftLimit.isZero()) {
            return Optional.of("overdraftLimit: only a teller or an admin grants an overdraft");
        }
        return Optional.empty();
    }
}
