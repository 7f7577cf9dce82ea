package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * Cash left the ledger. {@code amount} is positive; {@code balanceAfter} is the balance once it was taken.
 */
@Revision("1")
public record MoneyWithdrawn(AccountId accountId, Money amount, String reference, Money balanceAfter) {
}
