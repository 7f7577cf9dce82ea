package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import java.util.Currency;
import org.axonframework.serialization.Revision;

/**
 * An account was opened. The first event of every account.
 */
@Revision("1")
public record AccountOpened(AccountId accountId, String owner, Currency currency, Money overdraftLimit) {
}
