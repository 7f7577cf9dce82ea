package dev.ledger.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.HoldAccountFunds;
import dev.ledger.api.account.ReleaseAccountHold;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.ExpireTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferAuthorized;
import dev.ledger.api.transfer.MarkTransferExpired;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import java.time.Instant;
import java.util.Optional;

/**
 * What one transfer does next, decided from what it has been told, with no framework in it: debit the source, credit
 * the destination, refund the source when the credit is refused, and record the outcome on the {@link Transfer}.
 * Each method takes an answer and gives the command to send, if any; {@link TransferSaga} carries the commands and
 * the answers between this and Axon.
 *
 * <p>A step still unanswered after {@link #MAX_ATTEMPTS} ends the transfer in manual review, never in a refund: a
 * late credit may already have been applied. A leg refused as too old ({@code TRANSFER_TOO_OLD}) ends it in manual
 * review too: the account cannot tell whether it took the leg. The final command is sent until it is handled, so a
 * transfer always records its end.
 *
 * <p>A {@link CaptureMode#MANUAL} transfer holds the amount instead of debiting it, records that it is authorized, and
 * then rests ({@link Stage#AUTHORIZED}, no command to send) until the transfer decides its second phase: a capture,
 * which posts the hold as the debit and goes on as a one-step transfer does, with the captured amount; or a void or a
 * lapsed authorization, which release the hold. A hold that cannot be captured or released, which the transfer's own
 * arbitration rules out, ends in manual review.
 *
 * <p>Stored with its saga between events, so its fields are plain state only.
 */
public final class TransferProcess {

    /** How often a step is sent before the transfer is left for manual review. */
    public static final int MAX_ATTEMPTS = 3;

    /** Where a transfer is; also the payload of pending step deadlines, so a renamed constant would strand them. */
    public enum Stage {
        DEBITING, CREDITING, REFUNDING, FINISHING,
        /** Placing a {@code MANUAL} transfer's hold. */
        HOLDING,
        /** Recording that the hold is placed; like {@code FINISHING}, sent until handled. */
        AUTHORIZING,
        /** Waiting for a capture, a void or the expiry: nothing to send, nothing to watch. */
        AUTHORIZED,
        /** Posting the hold as the debit. */
        CAPTURING,
        /** Giving the hold back, for a void or a lapse. */
        RELEASING
    }

    private TransferId transferId;
    private AccountId sourceAccountId;
    private AccountId destinationAccountId;
    private Money amount;
    // A transfer stored before requesters were recorded has none. It fails closed: such a requester owns no
    // account, so its debit is refused.
    private Requester requestedBy = Requester.unrecorded();
    private Instant requestedAt;
    private Instant expiresAt; // MANUAL only
    // The second phase of a MANUAL transfer: what moves, when it was asked for, and how a release ends.
    private Money captured;
    private Instant resolvedAt;
    private TransferStatus releasedAs;
    private Stage stage;
    private LedgerErrorCode refundReason;
    private TransferStatus outcome;
    private LedgerErrorCode outcomeReason;
    private int attempts;

    private TransferProcess() {
        // for the saga store
    }

    /** A transfer just requested, about to debit its source: send {@link #currentCommand()}. */
    public static TransferProcess requested(TransferRequested request, Instant requestedAt) {
        TransferProcess process = new TransferProcess();
        process.transferId = request.transferId();
        process.sourceAccountId = request.sourceAccountId();
        process.destinationAccountId = request.destinationAccountId();
        process.amount = request.amount();
        process.requestedBy = request.requestedBy();
        process.requestedAt = requestedAt;
        process.expiresAt = request.expiresAt();
        process.stage = request.capture() == CaptureMode.MANUAL ? Stage.HOLDING : Stage.DEBITING;
        return process;
    }

    /**
     * A transfer an admin resolved in review by a refund or a retry, taken up again at {@code at}: about to send the
     * leg the resolution resumes with. Its legs are new requests, so they are dated now: the account has no memory of
     * them, and the evidence they were checked against shows none.
     */
    public static TransferProcess resumed(TransferReviewResolved resolution, Instant at) {
        TransferProcess process = new TransferProcess();
        ReviewEvidence evidence = resolution.evidence();
        process.transferId = resolution.transferId();
        process.sourceAccountId = evidence.of(Leg.DEBIT).orElseThrow().accountId();
        process.destinationAccountId = evidence.of(Leg.CREDIT).orElseThrow().accountId();
        process.amount = resolution.amount();
        process.requestedAt = at;
        process.resolvedAt = at;
        process.stage = switch (resolution.resumedLeg()) {
            case CREDIT -> Stage.CREDITING;
            case REFUND -> {
                process.refundReason = resolution.reviewedFor();
                yield Stage.REFUNDING;
            }
            case CAPTURE -> {
                process.captured = resolution.amount();
                yield Stage.CAPTURING;
            }
            case RELEASE -> {
                // The transfer ends a released hold as its own second phase decided, a void or a lapse.
                process.releasedAs = TransferStatus.VOIDED;
                yield Stage.RELEASING;
            }
            case HOLD, DEBIT -> throw new IllegalArgumentException("A review never resumes " + resolution.resumedLeg());
        };
        return process;
    }

    public TransferId transferId() {
        return transferId;
    }

    public Stage stage() {
        return stage;
    }

    /** When a {@code MANUAL} transfer's authorization lapses; {@code null} for one that moves at once. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the transfer waits for an answer to a command, rather than for a capture, void or expiry. */
    public boolean awaitsAnswer() {
        return stage != Stage.AUTHORIZED;
    }

    /** How often the current step has gone a whole timeout unanswered. */
    public int attempts() {
        return attempts;
    }

    /** The command of the step the transfer is in; none while it rests {@code AUTHORIZED}. */
    public Object currentCommand() {
        return switch (stage) {
            case DEBITING -> new DebitAccount(sourceAccountId, transferId, amount, requestedBy, requestedAt);
            case CREDITING -> new CreditAccount(destinationAccountId, transferId, moved(), legsRequestedAt());
            case REFUNDING -> new RefundAccountDebit(sourceAccountId, transferId, moved(), refundReason,
                    legsRequestedAt());
            case FINISHING -> finalCommand();
            case HOLDING -> new HoldAccountFunds(sourceAccountId, transferId, amount, requestedBy, requestedAt);
            case AUTHORIZING -> new MarkTransferAuthorized(transferId);
            case AUTHORIZED -> throw new IllegalStateException("An authorized transfer waits; it sends nothing");
            case CAPTURING -> new CaptureAccountHold(sourceAccountId, transferId, captured, resolvedAt);
            case RELEASING -> new ReleaseAccountHold(sourceAccountId, transferId, resolvedAt);
        };
    }

    /**
     * The transfer recorded its authorization: it rests until its second phase. Whether it was authorizing: a repeat,
     * or news of a transfer that has moved on, changes nothing.
     */
    public boolean authorized() {
        if (stage != Stage.AUTHORIZING) {
            return false;
        }
        stage = Stage.AUTHORIZED;
        attempts = 0;
        return true;
    }

    /**
     * The transfer decided to capture {@code amount} of its hold, at {@code at}: the capture's command, or empty for
     * a repeat.
     */
    public Optional<Object> captureRequested(Money amount, Instant at) {
        if (!resting()) {
            return Optional.empty();
        }
        captured = amount;
        resolvedAt = at;
        return Optional.of(enter(Stage.CAPTURING));
    }

    /**
     * The transfer decided to release its hold, at {@code at}, ending as {@code outcome} ({@code VOIDED} or
     * {@code EXPIRED}): the release's command, or empty for a repeat.
     */
    public Optional<Object> releaseRequested(TransferStatus outcome, Instant at) {
        if (!resting()) {
            return Optional.empty();
        }
        releasedAs = outcome;
        resolvedAt = at;
        return Optional.of(enter(Stage.RELEASING));
    }

    /** The command that lapses the authorization, sent when the transfer's expiry deadline fires. */
    public Optional<Object> expiryReached() {
        return resting() ? Optional.of(new ExpireTransfer(transferId)) : Optional.empty();
    }

    // The transfer's own event can overtake the answer to its authorization, so a transfer still authorizing rests.
    private boolean resting() {
        return stage == Stage.AUTHORIZED || stage == Stage.AUTHORIZING;
    }

    // What a credit or refund moves: the captured amount of a MANUAL transfer, all of a one-step one.
    private Money moved() {
        return captured != null ? captured : amount;
    }

    // A MANUAL transfer's later legs belong to its second phase, which may begin long after the request.
    private Instant legsRequestedAt() {
        return resolvedAt != null ? resolvedAt : requestedAt;
    }

    /**
     * An account decided the leg of {@code step}: the next step's command. Empty when there is nothing to send: the
     * answer is for a step the transfer has left (a repeat), or says only that the leg was decided before, whose own
     * event will say how.
     */
    public Optional<Object> decided(Stage step, LegDecision decision) {
        if (step != stage || !isLeg(stage) || decision.outcome() == LegDecision.Outcome.DECIDED_BEFORE) {
            return Optional.empty();
        }
        boolean applied = decision.outcome() == LegDecision.Outcome.APPLIED;
        LedgerErrorCode reason = decision.reason();
        if (reason == LedgerErrorCode.TRANSFER_TOO_OLD) {
            // The account cannot tell whether it took the leg before: failing could lose the debit, and refunding
            // could pay out a credit the destination holds already.
            return Optional.of(finishAs(TransferStatus.MANUAL_REVIEW, reason));
        }
        return Optional.of(switch (stage) {
            case DEBITING -> applied ? enter(Stage.CREDITING) : finishAs(TransferStatus.FAILED, reason);
            case CREDITING -> applied ? finishAs(TransferStatus.COMPLETED, null) : refund(reason);
            case REFUNDING -> applied ? finishAs(TransferStatus.REFUNDED, refundReason)
                    : finishAs(TransferStatus.MANUAL_REVIEW, reason);
            case HOLDING -> applied ? enter(Stage.AUTHORIZING) : finishAs(TransferStatus.FAILED, reason);
            // The transfer decided this once and the hold was there: a refusal means the books disagree with it.
            case CAPTURING -> applied ? enter(Stage.CREDITING) : finishAs(TransferStatus.MANUAL_REVIEW, reason);
            case RELEASING -> applied ? finishAs(releasedAs, null) : finishAs(TransferStatus.MANUAL_REVIEW, reason);
            case FINISHING, AUTHORIZING, AUTHORIZED -> throw new IllegalStateException("unreachable");
        });
    }

    // The stages whose command an account decides.
    private static boolean isLeg(Stage stage) {
        return stage != Stage.FINISHING && stage != Stage.AUTHORIZING && stage != Stage.AUTHORIZED;
    }

    /**
     * The watchdog set in {@code setIn} fired. Empty if the transfer has left that stage since: the current step has
     * had less than a whole timeout, so the watchdog only comes back later. Otherwise the current step went a whole
     * timeout unanswered: its command again, or, after its last attempt, the flag for manual review. The final
     * command, and the authorization's record, are never given up. Empty too while the transfer rests authorized.
     */
    public Optional<Object> timedOut(Stage setIn) {
        if (setIn != stage || !awaitsAnswer()) {
            return Optional.empty();
        }
        attempts++;
        if (isLeg(stage) && attempts >= MAX_ATTEMPTS) {
            return Optional.of(finishAs(TransferStatus.MANUAL_REVIEW, LedgerErrorCode.STEP_TIMED_OUT));
        }
        return Optional.of(currentCommand());
    }

    private Object refund(LedgerErrorCode reason) {
        refundReason = reason;
        return enter(Stage.REFUNDING);
    }

    private Object finishAs(TransferStatus status, LedgerErrorCode reason) {
        outcome = status;
        outcomeReason = reason;
        return enter(Stage.FINISHING);
    }

    private Object enter(Stage next) {
        stage = next;
        attempts = 0;
        return currentCommand();
    }

    private Object finalCommand() {
        return switch (outcome) {
            case COMPLETED -> new CompleteTransfer(transferId);
            case FAILED -> new FailTransfer(transferId, outcomeReason);
            case REFUNDED -> new MarkTransferRefunded(transferId, outcomeReason);
            case MANUAL_REVIEW -> new FlagTransferForReview(transferId, outcomeReason);
            case VOIDED -> new MarkTransferVoided(transferId);
            case EXPIRED -> new MarkTransferExpired(transferId);
            case REQUESTED, AUTHORIZED, DEBITED, REFUNDING ->
                    throw new IllegalStateException("Not an outcome: " + outcome);
        };
    }
}
