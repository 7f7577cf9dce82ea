package dev.ledger.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.api.access.Requester;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.ExpireTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferAuthorized;
import dev.ledger.api.transfer.MarkTransferExpired;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.VoidTransfer;
import dev.ledger.api.transfer.review.ApproveTransferResolution;
import dev.ledger.api.transfer.review.ResolveTransferReview;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.transfer.ReviewVerdict.SecondPhase;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One transfer's lifecycle. It records the request and exactly one end; the legs in between happen on the
 * accounts and are driven by {@link TransferSaga}.
 *
 * <p>A {@link CaptureMode#MANUAL} transfer waits, {@code AUTHORIZED}, between its hold and its second phase. That
 * phase is decided here, once: the first of a capture, a void and the authorization's lapse wins, and the others are
 * refused. So money held for a transfer moves once or is released once, never both.
 *
 * <p>A transfer in {@code MANUAL_REVIEW} has stopped, not ended: it waits for an admin's resolution
 * ({@link ManualReview}), checked against the accounts' streams. A failure or a completion ends it at once; a refund
 * or a retry hands it back to the saga, in flight again, which ends it, or stops it in review once more.
 */
class Transfer {

    /** Which second phase an authorized transfer took. */
    private enum Resolution { CAPTURE, VOID, LAPSE }

    @AggregateIdentifier
    private TransferId transferId;
    private TransferStatus status;
    private Money amount;
    private Requester requestedBy;
    private Instant expiresAt;
    private Resolution resolution;
    private Money captured;
    private ManualReview review; // while in MANUAL_REVIEW

    Transfer() {
        // for Axon, which rebuilds the transfer from its events
    }

    @CommandHandler
    Transfer(RequestTransfer command) {
        if (command.sourceAccountId().equals(command.destinationAccountId())) {
            throw new LedgerRuleViolation(LedgerErrorCode.SAME_ACCOUNT,
                    "A transfer needs two different accounts, got " + command.sourceAccountId() + " twice");
        }
        apply(new TransferRequested(command.transferId(), command.sourceAccountId(),
                command.destinationAccountId(), command.amount(), command.reference(), command.requestedBy(),
                command.capture(), command.expiresAt()));
    }

    @CommandHandler
    void handle(MarkTransferAuthorized command) {
        if (status == TransferStatus.REQUESTED && expiresAt != null) {
            apply(new TransferAuthorized(transferId, expiresAt));
        } else if (status != TransferStatus.AUTHORIZED && resolution == null) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_NOT_AUTHORIZED,
                    "Transfer " + transferId + " is " + status + ", it cannot become AUTHORIZED");
        } // otherwise the saga sent it again after it landed
    }

    /** Only the transfer's requester and staff may capture or void it; to anybody else it does not exist. */
    @CommandHandler
    void handle(CaptureTransfer command) {
        Money captured = command.amount() == null ? amount : command.amount();
        requireResolvableBy(command.requestedBy(), "captured");
        if (!captured.isIn(amount.currency())) {
            throw new LedgerRuleViolation(LedgerErrorCode.CURRENCY_MISMATCH,
                    "Transfer " + transferId + " is in " + amount.currency().getCurrencyCode());
        }
        if (amount.isLessThan(captured)) {
            throw new LedgerRuleViolation(LedgerErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION,
                    "Transfer " + transferId + " is authorized for " + amount + ", not " + captured);
        }
        apply(new TransferCaptureRequested(transferId, captured, command.requestedBy()));
    }

    @CommandHandler
    void handle(VoidTransfer command) {
        requireResolvableBy(command.requestedBy(), "voided");
        apply(new TransferVoidRequested(transferId, command.requestedBy()));
    }

    /** The saga's expiry deadline: refused like a void when a capture or a void came first. */
    @CommandHandler
    void handle(ExpireTransfer command) {
        requireAuthorized("expired");
        apply(new TransferAuthorizationLapsed(transferId));
    }

    @CommandHandler
    void handle(CompleteTransfer command) {
        endAs(TransferStatus.COMPLETED, new TransferCompleted(transferId));
    }

    @CommandHandler
    void handle(FailTransfer command) {
        endAs(TransferStatus.FAILED, new TransferFailed(transferId, command.reason()));
    }

    @CommandHandler
    void handle(MarkTransferRefunded command) {
        endAs(TransferStatus.REFUNDED, new TransferRefunded(transferId, command.reason()));
    }

    @CommandHandler
    void handle(FlagTransferForReview command) {
        endAs(TransferStatus.MANUAL_REVIEW, new TransferFlaggedForReview(transferId, command.reason()));
    }

    /** A release resumed from review comes as a void; the transfer ends it as its second phase decided. */
    @CommandHandler
    void handle(MarkTransferVoided command) {
        if (resolution == Resolution.LAPSE) {
            endAs(TransferStatus.EXPIRED, new TransferExpired(transferId));
        } else {
            endAs(TransferStatus.VOIDED, new TransferVoided(transferId));
        }
    }

    @CommandHandler
    void handle(MarkTransferExpired command) {
        endAs(TransferStatus.EXPIRED, new TransferExpired(transferId));
    }

    @CommandHandler
    void handle(ResolveTransferReview command) {
        Object decided = inReview().resolve(command, secondPhase(), captured, GenericEventMessage.clock.instant());
        apply(decided);
        if (decided instanceof TransferReviewResolved resolved) {
            endIfResolvedSo(resolved);
        }
    }

    @CommandHandler
    void handle(ApproveTransferResolution command) {
        TransferReviewResolved resolved =
                inReview().approve(command, secondPhase(), captured, GenericEventMessage.clock.instant());
        apply(resolved);
        endIfResolvedSo(resolved);
    }

    // A failure or completion is recorded with its resolution; a refund or retry is the saga's to end.
    private void endIfResolvedSo(TransferReviewResolved resolved) {
        switch (resolved.action()) {
            case FAIL -> apply(new TransferFailed(transferId, resolved.reviewedFor()));
            case COMPLETE -> apply(new TransferCompleted(transferId));
            case REFUND, RETRY -> { }
        }
    }

    private ManualReview inReview() {
        if (review == null) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_NOT_IN_REVIEW,
                    "Transfer " + transferId + " is " + status + ", not in MANUAL_REVIEW");
        }
        return review;
    }

    private SecondPhase secondPhase() {
        if (resolution == null) {
            return SecondPhase.NONE;
        }
        return resolution == Resolution.CAPTURE ? SecondPhase.CAPTURE : SecondPhase.RELEASE;
    }

    private void requireResolvableBy(Requester requester, String verb) {
        if (!requester.actsForTheBank() && !requester.principal().equals(requestedBy.principal())) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_NOT_FOUND, "No transfer " + transferId);
        }
        requireAuthorized(verb);
        // The deadline that lapses it may fire a moment later; the authorization ended at expiresAt all the same.
        if (!GenericEventMessage.clock.instant().isBefore(expiresAt)) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_EXPIRED,
                    "Transfer " + transferId + " expired at " + expiresAt + ", it cannot be " + verb);
        }
    }

    private void requireAuthorized(String verb) {
        if (resolution != null || status != TransferStatus.AUTHORIZED) {
            LedgerErrorCode code = resolution == null ? LedgerErrorCode.TRANSFER_NOT_AUTHORIZED : switch (resolution) {
                case CAPTURE -> LedgerErrorCode.TRANSFER_ALREADY_CAPTURED;
                case VOID -> LedgerErrorCode.TRANSFER_ALREADY_VOIDED;
                case LAPSE -> LedgerErrorCode.TRANSFER_EXPIRED;
            };
            throw new LedgerRuleViolation(code, "Transfer " + transferId + " cannot be " + verb + ": " + code);
        }
    }

    private void endAs(TransferStatus outcome, Object terminalEvent) {
        if (status == outcome) {
            return; // the saga redelivered a step that already landed
        }
        if (status.hasStopped()) {
            // Out of review, only an admin's resolution moves a transfer on.
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_ENDED,
                    "Transfer " + transferId + " is " + status + ", it cannot become " + outcome);
        }
        apply(terminalEvent);
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferId = event.transferId();
        status = TransferStatus.REQUESTED;
        amount = event.amount();
        requestedBy = event.requestedBy();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TransferAuthorized event) {
        status = TransferStatus.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(TransferCaptureRequested event) {
        resolution = Resolution.CAPTURE;
        captured = event.amount();
    }

    @EventSourcingHandler
    void on(TransferVoidRequested event) {
        resolution = Resolution.VOID;
    }

    @EventSourcingHandler
    void on(TransferAuthorizationLapsed event) {
        resolution = Resolution.LAPSE;
    }

    @EventSourcingHandler
    void on(TransferCompleted event) {
        status = TransferStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferFailed event) {
        status = TransferStatus.FAILED;
    }

    @EventSourcingHandler
    void on(TransferRefunded event) {
        status = TransferStatus.REFUNDED;
    }

    @EventSourcingHandler
    void on(TransferFlaggedForReview event) {
        status = TransferStatus.MANUAL_REVIEW;
        review = new ManualReview(transferId, event.reason());
    }

    @EventSourcingHandler
    void on(TransferResolutionProposed event) {
        review.proposed(event);
    }

    /** In flight again for a refund or retry, at the leg it resumes; a failure or completion's end follows. */
    @EventSourcingHandler
    void on(TransferReviewResolved event) {
        review = null;
        status = event.statusAfter();
    }

    @EventSourcingHandler
    void on(TransferVoided event) {
        status = TransferStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(TransferExpired event) {
        status = TransferStatus.EXPIRED;
    }
}
