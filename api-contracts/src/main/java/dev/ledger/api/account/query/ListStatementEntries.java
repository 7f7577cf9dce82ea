package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import java.time.Instant;

/**
 * Asks for one page of an account's statement, newest entry first; {@code page} counts from zero. {@code from}
 * (inclusive) and {@code to} (exclusive) bound the entries' timestamps when not null.
 */
public record ListStatementEntries(AccountId accountId, int page, int size, Instant from, Instant to) {

    public ListStatementEntries {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
    }

    /** Every entry, one page at a time. */
    public ListStatementEntries(AccountId accountId, int page, int size) {
        this(accountId, page, size, null, null);
    }
}
