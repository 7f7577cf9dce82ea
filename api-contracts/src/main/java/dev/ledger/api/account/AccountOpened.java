package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import java.util.Currency;
import org.axonframework.serialization.Revision;

/**
 * An account was opened. The first event of every account.
 *
 * <p>Revision 2 always carries {@code overdraftLimit}; revision 1 events, from before overdrafts existed, may
 * lack it and are upcast on reading with a limit of zero in the account's currency.
 */
@Revision("2")
public record AccountOpened(AccountId accountId, String owner, Currency currency, Money overdraftLimit) {
}
