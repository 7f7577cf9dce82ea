package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import java.time.Instant;

/**
 * Asks for one keyset page of an account's statement, newest entry first by the entry's sequence number in the
 * account's stream, which is total and never changes; answered with a {@link StatementSlice}.
 *
 * @param from           entries at or after this instant, when not null
 * @param to             entries before this instant, when not null
 * @param before         the sequence number of the last entry of the previous page, or null for the first page
 * @param limit          at most this many entries, from 1
 * @param includePending whether holds and their releases are listed too; otherwise only posted entries
 */
public record ListStatementSlice(AccountId accountId, Instant from, Instant to, Long before, int limit,
                                 boolean includePending) {

    public ListStatementSlice {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    /** A page of posted entries only. */
    public ListStatementSlice(AccountId accountId, Instant from, Instant to, Long before, int limit) {
        this(accountId, from, to, before, limit, false);
    }
}
