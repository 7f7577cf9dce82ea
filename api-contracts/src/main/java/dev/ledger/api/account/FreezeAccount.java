package dev.ledger.api.account;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stops every debit and credit until the account is unfrozen. Freezing a frozen account changes nothing.
 */
public record FreezeAccount(@TargetAggregateIdentifier AccountId accountId) {

    public FreezeAccount {
        Objects.requireNonNull(accountId, "accountId");
    }
}
