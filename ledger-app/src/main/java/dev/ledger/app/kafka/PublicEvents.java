package dev.ledger.app.kafka;

import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's integration events: which of its events leave the ledger on Kafka, and on which stream.
 *
 * <p>Published are the facts other systems act on: every change of an account's money (deposits,
 * withdrawals, and each transfer's debit, credit and refund) and of its lifecycle (opened, frozen, unfrozen,
 * closed), and a transfer's request and its one outcome. A consumer can rebuild every balance from the money
 * movements alone and follow every transfer to its end.
 *
 * <p>Two-phase transfers add to both. On an account, a hold placed ({@code AccountFundsHeld}), captured
 * ({@code AccountHoldCaptured}, the posting of the debit) and released ({@code AccountHoldReleased}) each change
 * what the account has: its available balance, and at a capture its posted balance too, so a consumer that shows
 * or checks available funds needs them. On a transfer, its authorization ({@code TransferAuthorized}), the second
 * phase it decided ({@code TransferCaptureRequested}, {@code TransferVoidRequested},
 * {@code TransferAuthorizationLapsed}) and its end ({@code TransferVoided}, {@code TransferExpired}, or one of the
 * one-step outcomes after a capture). The decisions are published although an end always follows them: the
 * transfer decides exactly one, the first of a capture, a void and the lapse, and its event is the moment money
 * held for a merchant is promised or given up; the capture's carries the amount that moves, which a partial
 * capture makes less than the one requested; and a transfer that ends in review after its decision still shows
 * which was taken. They are the transfer's own record, not the saga's conversation.
 *
 * <p>A transfer stopped in manual review is resolved by hand, and that is published too
 * ({@code TransferReviewResolved}): it is the only record of who decided to settle, retry or fail a stopped transfer,
 * who approved it, why, and what the accounts' streams showed when they did. Auditors and downstream risk systems
 * need exactly that, and the end that follows ({@code TransferFailed}, {@code TransferCompleted}, or the resumed
 * leg's) would otherwise look like the saga's own. A proposal awaiting a second admin
 * ({@code TransferResolutionProposed}) is published as well, though it moves nothing and may expire unapproved: four
 * eyes can only be checked outside the ledger if the proposer, their evidence and the deadline are there beside the
 * approval that names a different admin, and an expired proposal has no other record. Neither carries a name: the
 * admins appear as the principal ids they authenticated as, as requesters do.
 *
 * <p>Not published are the rejections of a transfer's legs ({@code AccountDebitRejected},
 * {@code AccountCreditRejected}, {@code AccountRefundRejected}, and for two-phase transfers
 * {@code AccountHoldRejected}, {@code AccountCaptureRejected}, {@code AccountReleaseRejected}). They move no money
 * and change no account; they are the saga's internal conversation, and the transfer's outcome event (failed,
 * refunded or flagged for review) already carries the reason. Keeping them private lets the saga's protocol change
 * without a new contract version, and keeps an {@code amount} that did not move off a stream that consumers sum.
 *
 * <p>Every event class in {@code api-contracts} must appear in exactly one of {@link #PUBLISHED} and
 * {@link #INTERNAL} (a test holds this), so a new event cannot go out, or stay in, by accident.
 */
final class PublicEvents {

    /** The two streams: each carries one aggregate's events, keyed by that aggregate's identifier. */
    enum Stream {
        /** Events of an account, keyed by {@code accountId}. */
        ACCOUNTS,
        /** Events of a transfer, keyed by {@code transferId}. */
        TRANSFERS
    }

    static final Map<Class<?>, Stream> PUBLISHED = Map.ofEntries(
            Map.entry(AccountOpened.class, Stream.ACCOUNTS),
            Map.entry(MoneyDeposited.class, Stream.ACCOUNTS),
            Map.entry(MoneyWithdrawn.class, Stream.ACCOUNTS),
            Map.entry(AccountDebited.class, Stream.ACCOUNTS),
            Map.entry(AccountCredited.class, Stream.ACCOUNTS),
            Map.entry(AccountDebitRefunded.class, Stream.ACCOUNTS),
            Map.entry(AccountFrozen.class, Stream.ACCOUNTS),
            Map.entry(AccountUnfrozen.class, Stream.ACCOUNTS),
            Map.entry(AccountClosed.class, Stream.ACCOUNTS),
            Map.entry(AccountFundsHeld.class, Stream.ACCOUNTS),
            Map.entry(AccountHoldCaptured.class, Stream.ACCOUNTS),
            Map.entry(AccountHoldReleased.class, Stream.ACCOUNTS),
            Map.entry(TransferRequested.class, Stream.TRANSFERS),
            Map.entry(TransferCompleted.class, Stream.TRANSFERS),
            Map.entry(TransferFailed.class, Stream.TRANSFERS),
            Map.entry(TransferRefunded.class, Stream.TRANSFERS),
            Map.entry(TransferFlaggedForReview.class, Stream.TRANSFERS),
            Map.entry(TransferAuthorized.class, Stream.TRANSFERS),
            Map.entry(TransferCaptureRequested.class, Stream.TRANSFERS),
            Map.entry(TransferVoidRequested.class, Stream.TRANSFERS),
            Map.entry(TransferAuthorizationLapsed.class, Stream.TRANSFERS),
            Map.entry(TransferVoided.class, Stream.TRANSFERS),
            Map.entry(TransferExpired.class, Stream.TRANSFERS),
            Map.entry(TransferResolutionProposed.class, Stream.TRANSFERS),
            Map.entry(TransferReviewResolved.class, Stream.TRANSFERS));

    static final Set<Class<?>> INTERNAL = Set.of(
            AccountDebitRejected.class,
            AccountCreditRejected.class,
            AccountRefundRejected.class,
            AccountHoldRejected.class,
            AccountCaptureRejected.class,
            AccountReleaseRejected.class);

    private PublicEvents() {
    }

    /** The stream an event of this payload type goes to, or empty if it stays inside the ledger. */
    static Optional<Stream> streamOf(Class<?> payloadType) {
        return Optional.ofNullable(PUBLISHED.get(payloadType));
    }
}
