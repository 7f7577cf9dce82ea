package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * Cash came in from outside the ledger. {@code balanceAfter} is the balance once it was added.
 */
@Revision("1")
public record MoneyDeposited(AccountId accountId, Money amount, String reference, Money balanceAfter) {
}
