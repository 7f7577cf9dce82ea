package dev.ledger.api.account;

import dev.ledger.api.Reference;
import dev.ledger.api.money.Money;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cash in from outside the ledger. Rejected with {@code ACCOUNT_FROZEN}, {@code ACCOUNT_CLOSED} or
 * {@code CURRENCY_MISMATCH}. The amount is positive; the reference keeps {@link Reference}'s rule.
 *
 * <p>A deposit with a {@code movementId} (null for none) that the account applied before is not applied again: it is
 * answered with the first receipt, whatever the account's state now, and refused with {@code MOVEMENT_ID_REUSED} when
 * it is not the same movement (a withdrawal, or another amount or currency).
 */
public record DepositMoney(@TargetAggregateIdentifier AccountId accountId, MovementId movementId, Money amount, String reference) {

    public DepositMoney {
        Objects.requireNonNull(accountId, "accountId");
        Money.requirePositive(amount, "amount");
        Reference.requireValid(reference);
    }
}
