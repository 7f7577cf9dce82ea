package dev.ledger.app.review;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.transfer.ReviewVerdict;
import dev.ledger.transfer.ReviewVerdict.SecondPhase;
import java.time.Instant;

/**
 * One transfer as its review needs it, read from the event store: the transfer's own stream, and what its accounts'
 * streams say about each leg.
 *
 * @param inReview    whether it is in {@code MANUAL_REVIEW} now
 * @param reviewedFor why it stopped, while in review
 * @param flaggedAt   when it stopped, while in review
 * @param proposal    the resolution awaiting a second admin; null when none is open
 * @param secondPhase what an authorized transfer decided, which a retry of its hold's leg follows
 * @param captured    what it decided to capture; null when it decided none
 */
record ReviewCase(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId, Money amount,
                  boolean inReview, LedgerErrorCode reviewedFor, Instant flaggedAt,
                  TransferResolutionProposed proposal, SecondPhase secondPhase, Money captured,
                  ReviewEvidence evidence) {

    /** What the accounts' streams support, as the transfer itself will judge it. */
    ReviewVerdict verdict() {
        return new ReviewVerdict(evidence, secondPhase, captured);
    }
}
