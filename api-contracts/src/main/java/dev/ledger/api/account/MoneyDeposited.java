package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * Cash came in from outside the ledger. {@code balanceAfter} is the balance once it was added. {@code movementId}
 * names the deposit across its attempts ({@link MovementId}), or is null: for a deposit requested without an
 * idempotency key, and for every deposit stored before movements had ids. It was added within revision 1 as a field
 * that may be null, so those older events read as they are, without an upcaster.
 */
@Revision("1")
public record MoneyDeposited(AccountId accountId, MovementId movementId, Money amount, String reference, Money balanceAfter) {
}
