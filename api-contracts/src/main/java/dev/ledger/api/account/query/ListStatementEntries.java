package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import java.time.Instant;

/**
 * Asks for one page of an account's statement, newest entry first; {@code page} counts from zero. {@code from}
 * (inclusive) and {@code to} (exclusive) bound the entries' timestamps when not null. Only posted entries unless
 * {@code includePending}: then holds and their releases too ({@link EntryType#isPending()}).
 */
public record ListStatementEntries(AccountId accountId, int page, int size, Instant from, Instant to,
                                   boolean includePending) {

    public ListStatementEntries {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
    }

    /** The posted entries, one page at a time. */
    public ListStatementEntries(AccountId accountId, int page, int size, Instant from, Instant to) {
        this(accountId, page, size, from, to, false);
    }

    /** Every posted entry, one page at a time. */
    public ListStatementEntries(AccountId accountId, int page, int size) {
        this(accountId, page, size, null, null);
    }
}
