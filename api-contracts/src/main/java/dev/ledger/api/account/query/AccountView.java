package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.money.Money;

/**
 * An account as the read model last saw it. It follows the event store eventually; the event store, not
 * this view, is the truth.
 */
public record AccountView(AccountId accountId, String owner, Money balance, Money overdraftLimit, AccountStatus status) {
}
