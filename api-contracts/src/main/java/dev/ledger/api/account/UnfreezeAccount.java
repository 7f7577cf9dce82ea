package dev.ledger.api.account;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lifts a freeze. Unfreezing an open account changes nothing.
 */
public record UnfreezeAccount(@TargetAggregateIdentifier AccountId accountId) {

    public UnfreezeAccount {
        Objects.requireNonNull(accountId, "accountId");
    }
}
