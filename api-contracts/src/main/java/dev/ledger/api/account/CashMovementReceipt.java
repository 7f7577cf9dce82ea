package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import java.util.Objects;

/**
 * An account's answer to {@link DepositMoney} and {@link WithdrawMoney}: where the movement stands in the
 * account's stream and what it left, so a client learns both without waiting for a read model. A movement sent
 * again with the same {@link MovementId} gets the receipt of its first application.
 *
 * @param sequenceNumber the aggregate sequence number of the {@link MoneyDeposited} or {@link MoneyWithdrawn}
 *                       event, from 0; the event, and so its statement entry, is found by it
 * @param balanceAfter   the balance once the money moved, as the event records it
 */
public record CashMovementReceipt(long sequenceNumber, Money balanceAfter) {

    public CashMovementReceipt {
        if (sequenceNumber < 0) {
            throw new IllegalArgumentException("sequenceNumber must be >= 0");
        }
        Objects.requireNonNull(balanceAfter, "balanceAfter");
    }
}
