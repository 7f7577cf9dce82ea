package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;

/** Asks for one page of an account's statement, newest entry first; {@code page} counts from zero. */
public record ListStatementEntries(AccountId accountId, int page, int size) {

    public ListStatementEntries {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
    }
}
