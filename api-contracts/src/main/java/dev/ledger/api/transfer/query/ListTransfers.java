package dev.ledger.api.transfer.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.transfer.TransferStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Asks for one page of transfers, newest first by {@code (requestedAt, transferId)}, both descending, so the order
 * is total and stable while transfers are added; answered with a {@link TransferPage}. Every filter is optional
 * (null):
 *
 * @param accountId the account a transfer leaves or reaches
 * @param touching  when not null, only transfers leaving or reaching one of these accounts: the caller's own, for
 *                  a customer; an empty set lists nothing
 * @param status    the transfer's current status
 * @param from      requested at or after this instant
 * @param to        requested before this instant
 * @param after     the last transfer of the previous page; the page starts right after it
 * @param limit     at most this many transfers, from 1
 */
public record ListTransfers(AccountId accountId, Set<AccountId> touching, TransferStatus status, Instant from,
                            Instant to, TransferPosition after, int limit) {

    public ListTransfers {
        touching = touching == null ? null : Set.copyOf(touching);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }
}
