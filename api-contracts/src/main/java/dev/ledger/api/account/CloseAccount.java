package dev.ledger.api.account;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes the account for good. Only at a zero balance ({@code ACCOUNT_NOT_EMPTY} otherwise); closing a
 * closed account changes nothing.
 */
public record CloseAccount(@TargetAggregateIdentifier AccountId accountId) {

    public CloseAccount {
        Objects.requireNonNull(accountId, "accountId");
    }
}
