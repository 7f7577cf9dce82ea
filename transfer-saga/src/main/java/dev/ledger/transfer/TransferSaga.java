package dev.ledger.transfer;

import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.transfer.TransferProcess.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Axon side of a transfer: hands the {@link TransferProcess} the accounts' answers, sends the commands it decides
 * on through the {@link StepSender}, and keeps the transfer's step deadline.
 *
 * <p>A transfer has one step deadline, a watchdog: scheduled when the saga first waits for an answer, cancelled
 * when it ends, and set again each time it fires while the transfer runs. It carries the stage it was set in. If
 * the transfer has left that stage since, the current step has had less than a whole timeout: the watchdog only
 * comes back one timeout later. If not, the step went a whole timeout unanswered and is sent again, which is safe
 * because each leg carries the transfer id and the account ignores a repeated one. So every step gets at least one
 * step timeout and less than two before it is sent again. One deadline per transfer instead of one per step saves
 * four of the six scheduler writes a transfer used to cost, on the saga's single thread (docs/performance.md).
 *
 * <p>A {@code MANUAL} transfer that rests authorized has no step deadline but an expiry deadline, persistent like the
 * other, at its {@code expiresAt}. When it fires the saga asks the transfer to lapse, and asks again one step timeout
 * later for as long as the transfer has not decided its second phase; a capture or a void decided first cancels it,
 * and the transfer refuses a lapse that comes after them.
 *
 * <p>The saga ends only once the transfer has recorded its end: its end event, or the final command handled.
 * Whether an answer comes back with {@code send} or only as the leg's event is the {@link StepSender}'s business;
 * the saga treats both alike and ignores the second of the two.
 *
 * <p>Instances are stored between events, so the fields hold plain state only; the sender and the deadline manager
 * arrive as handler parameters.
 */
@ProcessingGroup("transfer-saga")
public class TransferSaga {

    static final String TRANSFER_ID = "transferId";
    static final String STEP_DEADLINE = "transfer-step";
    static final String EXPIRY_DEADLINE = "transfer-expiry";

    private static final Logger log = LoggerFactory.getLogger(TransferSaga.class);

    private TransferProcess process;
    private String deadlineId;
    private String expiryDeadlineId;
    private Duration stepTimeout;

    /** Axon creates the saga, and the saga store restores it, through this constructor. */
    public TransferSaga() {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferRequested event, @Timestamp Instant requestedAt, StepSender sender, DeadlineManager deadlineManager,
            TransferStepTimeout timeout, TransferEnds ends) {
        if (process != null) {
            return; // a redelivered request must not send a running transfer back to its first step
        }
        if (ends.hasEnded(event.transferId())) {
            // Delivered again after this transfer's saga ended: its legs were decided then, and none is sent again.
            log.info("Transfer {} has already ended; its request, delivered again, starts nothing", event.transferId());
            SagaLifecycle.end();
            return;
        }
        stepTimeout = timeout.value(); // kept with the saga, so a configuration change never strands a transfer
        process = TransferProcess.requested(event, requestedAt);
        send(process.currentCommand(), sender, deadlineManager);
    }

    /**
     * An admin resolved the transfer in review by a refund or a retry: a new saga takes it up at the leg the
     * resolution resumes with. A failure or completion was recorded with the resolution, and starts nothing.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferReviewResolved event, @Timestamp Instant at, @SequenceNumber Long sequenceNumber,
            StepSender sender, DeadlineManager deadlineManager, TransferStepTimeout timeout, TransferEnds ends) {
        if (process != null) {
            return;
        }
        if (event.resumedLeg() == null || ends.hasMovedOnFrom(event.transferId(), sequenceNumber)) {
            SagaLifecycle.end(); // nothing to send, or delivered again after the transfer moved on
            return;
        }
        stepTimeout = timeout.value();
        process = TransferProcess.resumed(event, at);
        send(process.currentCommand(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebited event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.DEBITING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebitRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.DEBITING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountCredited event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.CREDITING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountCreditRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.CREDITING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebitRefunded event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.REFUNDING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountRefundRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.REFUNDING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountFundsHeld event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.HOLDING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountHoldRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.HOLDING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferAuthorized event, DeadlineManager deadlineManager) {
        authorized(deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferCaptureRequested event, @Timestamp Instant at, StepSender sender,
            DeadlineManager deadlineManager) {
        resolved(process.captureRequested(event.amount(), at), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferVoidRequested event, @Timestamp Instant at, StepSender sender, DeadlineManager deadlineManager) {
        resolved(process.releaseRequested(TransferStatus.VOIDED, at), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferAuthorizationLapsed event, @Timestamp Instant at, StepSender sender,
            DeadlineManager deadlineManager) {
        resolved(process.releaseRequested(TransferStatus.EXPIRED, at), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountHoldCaptured event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.CAPTURING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountCaptureRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.CAPTURING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountHoldReleased event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.RELEASING, LegDecision.applied(), sender, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountReleaseRejected event, StepSender sender, DeadlineManager deadlineManager) {
        answered(Stage.RELEASING, LegDecision.rejected(event.reason()), sender, deadlineManager);
    }

    /**
     * The authorization's end has come: the transfer is asked to lapse, and asked again a step timeout later until it
     * has decided its second phase, whichever it is.
     */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void expire(TransferId expiring, StepSender sender, DeadlineManager deadlineManager) {
        expiryDeadlineId = null; // fired: nothing to cancel
        process.expiryReached().ifPresent(lapse -> {
            log.info("Transfer {}: its authorization expires", process.transferId());
            sender.send(lapse);
            expiryDeadlineId = deadlineManager.schedule(stepTimeout, EXPIRY_DEADLINE, expiring);
        });
    }

    /** The transfer's watchdog: it carries the stage it was set in. */
    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void watchTheStep(Stage setIn, StepSender sender, DeadlineManager deadlineManager, StepTimeouts timeouts) {
        // Nothing to cancel: this deadline has fired, and DbSchedulerDeadlineManager throws on cancelling a running one.
        deadlineId = null;
        Stage unanswered = process.stage();
        int attempt = process.attempts() + 1;
        Optional<Object> again = process.timedOut(setIn);
        if (again.isEmpty()) {
            if (process.awaitsAnswer()) {
                scheduleTheStepDeadline(deadlineManager); // stages only move forward: the current one began since
            }
            return;
        }
        log.info("Transfer {}: no answer to {} in time (attempt {})", process.transferId(), unanswered, attempt);
        timeouts.stepTimedOut(unanswered.name().toLowerCase(Locale.ROOT));
        send(again.get(), sender, deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferCompleted event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferFailed event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferRefunded event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferFlaggedForReview event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferVoided event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferExpired event, DeadlineManager deadlineManager) {
        cancelTheStepDeadline(deadlineManager);
    }

    private void answered(Stage step, LegDecision decision, StepSender sender, DeadlineManager deadlineManager) {
        process.decided(step, decision).ifPresent(next -> send(next, sender, deadlineManager));
    }

    /** Rests without a watchdog until the second phase, and sets the expiry deadline; once, however it is told. */
    private void authorized(DeadlineManager deadlineManager) {
        if (!process.authorized()) {
            return;
        }
        cancelTheStepDeadline(deadlineManager);
        // The transfer's id as payload: a deadline handler's first parameter is its payload.
        expiryDeadlineId = deadlineManager.schedule(process.expiresAt(), EXPIRY_DEADLINE, process.transferId());
    }

    /** The second phase is decided: no expiry any more, and its first command goes out. */
    private void resolved(Optional<Object> first, StepSender sender, DeadlineManager deadlineManager) {
        if (first.isEmpty()) {
            return;
        }
        if (expiryDeadlineId != null) {
            deadlineManager.cancelSchedule(EXPIRY_DEADLINE, expiryDeadlineId);
            expiryDeadlineId = null;
        }
        send(first.get(), sender, deadlineManager);
    }

    /**
     * Sends the process's commands for as long as they are answered at once; then waits, with the watchdog set,
     * for the answer to come as an event. Once the final command is handled the transfer has recorded its end, now
     * or at an earlier attempt, and the saga has nothing left to do.
     */
    private void send(Object command, StepSender sender, DeadlineManager deadlineManager) {
        Object next = command;
        while (true) {
            log.debug("Transfer {} in {} sends {}", process.transferId(), process.stage(), next);
            Optional<StepSender.Answer> answer = sender.send(next);
            if (answer.isPresent() && process.stage() == Stage.FINISHING) {
                cancelTheStepDeadline(deadlineManager);
                SagaLifecycle.end();
                return;
            }
            if (answer.isPresent() && process.stage() == Stage.AUTHORIZING) {
                authorized(deadlineManager);
                return;
            }
            Optional<Object> following = answer
                    .filter(handled -> handled.result() instanceof LegDecision)
                    .flatMap(handled -> process.decided(process.stage(), (LegDecision) handled.result()));
            if (following.isEmpty()) {
                if (deadlineId == null) {
                    scheduleTheStepDeadline(deadlineManager); // the first wait, or the watchdog has just fired
                }
                return;
            }
            next = following.get();
        }
    }

    private void scheduleTheStepDeadline(DeadlineManager deadlineManager) {
        deadlineId = deadlineManager.schedule(stepTimeout, STEP_DEADLINE, process.stage());
    }

    private void cancelTheStepDeadline(DeadlineManager deadlineManager) {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(STEP_DEADLINE, deadlineId);
            deadlineId = null;
        }
    }
}
