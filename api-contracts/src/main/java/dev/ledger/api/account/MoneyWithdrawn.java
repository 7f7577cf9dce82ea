package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * Cash left the ledger. {@code amount} is positive; {@code balanceAfter} is the balance once it was taken.
 * {@code movementId} names the withdrawal across its attempts ({@link MovementId}), or is null: for a withdrawal
 * requested without an idempotency key, and for every withdrawal stored before movements had ids. It was added
 * within revision 1 as a field that may be null, so those older events read as they are, without an upcaster.
 */
@Revision("1")
public record MoneyWithdrawn(AccountId accountId, MovementId movementId, Money amount, String reference, Money balanceAfter) {
}
