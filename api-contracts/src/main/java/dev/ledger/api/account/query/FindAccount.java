package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;

/** Asks for one account's {@link AccountView}; answered with {@code null} when the read model has none. */
public record FindAccount(AccountId accountId) {
}
