package dev.ledger.api.account;

import dev.ledger.api.Reference;
import dev.ledger.api.money.Money;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cash out of the ledger. Rejected with {@code INSUFFICIENT_FUNDS} when the balance plus the overdraft
 * limit does not cover it, and with {@code ACCOUNT_FROZEN}, {@code ACCOUNT_CLOSED} or {@code CURRENCY_MISMATCH}.
 *
 * <p>A withdrawal with a {@code movementId} (null for none) that the account applied before is not applied again: it
 * is answered with the first receipt, whatever the balance now, and refused with {@code MOVEMENT_ID_REUSED} when it is
 * not the same movement (a deposit, or another amount or currency).
 */
public record WithdrawMoney(@TargetAggregateIdentifier AccountId accountId, MovementId movementId, Money amount, String reference) {

    public WithdrawMoney {
        Objects.requireNonNull(accountId, "accountId");
        Money.requirePositive(amount, "amount");
        Reference.requireValid(reference);
    }
}
