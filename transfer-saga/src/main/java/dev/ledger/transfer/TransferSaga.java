package dev.ledger.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one transfer: debit the source, credit the destination, refund the source when the credit is
 * refused, and finally record the outcome on the {@link Transfer}.
 *
 * <p>A transfer has one step deadline, a watchdog: scheduled when the saga first waits for an answer, cancelled
 * when it ends, and set again each time it fires while the transfer runs. It carries the stage it was set in. If
 * the transfer has left that stage since, the current step has had less than a whole timeout: the watchdog only
 * comes back one timeout later. If not, the step went a whole timeout unanswered and is sent again, which is safe
 * because each leg carries the transfer id and the account ignores a repeated one. So every step gets at least one
 * step timeout and less than two before it is sent again. One deadline per transfer instead of one per step saves
 * four of the six scheduler writes a transfer used to cost, on the saga's single thread (docs/performance.md).
 *
 * <p>A step still unanswered after {@link #MAX_ATTEMPTS} ends the transfer in manual review, never in a refund:
 * a late credit may already have been applied. The saga ends only once the transfer has recorded its end, so a
 * lost final command is retried as well.
 *
 * <p>On a local command bus a command is handled before {@code send} returns, in this event's own transaction, and
 * its result is the account's {@link LegDecision}. The saga then takes the next step at once, exactly as it would on
 * the leg's event, which it ignores when it comes; once the final command is handled, the saga ends. So on one node
 * a transfer runs from its request to its end in one transaction of the saga's, which is never stored and needs no
 * watchdog, instead of three, each loading and storing it (docs/performance.md). Over a remote bus (Axon Server),
 * or when a command fails, the saga waits for the leg's event, with the watchdog set.
 *
 * <p>Instances are stored between events, so the fields hold plain state only; the gateway and the
 * deadline manager arrive as handler parameters.
 */
@ProcessingGroup("transfer-saga")
public class TransferSaga {

    static final String TRANSFER_ID = "transferId";
    static final String STEP_DEADLINE = "transfer-step";
    static final int MAX_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(TransferSaga.class);

    /** Also the payload of pending step deadlines, so a renamed constant would strand them. */
    enum Stage { DEBITING, CREDITING, REFUNDING, FINISHING }

    private TransferId transferId;
    private AccountId sourceAccountId;
    private AccountId destinationAccountId;
    private Money amount;
    // A saga stored before requesters were recorded has none in its state. It fails closed: such a requester owns
    // no account, so its debit is refused.
    private Requester requestedBy = Requester.unrecorded();
    private Instant requestedAt;
    private Stage stage;
    private LedgerErrorCode refundReason;
    private TransferStatus outcome;
    private LedgerErrorCode outcomeReason;
    private int attempts;
    private String deadlineId;
    private Duration stepTimeout;

    /** Axon creates the saga, and the saga store restores it, through this constructor. */
    public TransferSaga() {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(TransferRequested event, @Timestamp Instant requested, CommandGateway commandGateway,
            DeadlineManager deadlineManager, TransferStepTimeout timeout, TransferEnds ends) {
        if (stage != null) {
            return; // a redelivered request must not send a running transfer back to its first step
        }
        if (ends.hasEnded(event.transferId())) {
            // Delivered again after this transfer's saga ended: its legs were decided then, and none is sent again.
            log.info("Transfer {} has already ended; its request, delivered again, starts nothing", event.transferId());
            SagaLifecycle.end();
            return;
        }
        stepTimeout = timeout.value(); // kept with the saga, so a configuration change never strands a transfer
        transferId = event.transferId();
        sourceAccountId = event.sourceAccountId();
        destinationAccountId = event.destinationAccountId();
        amount = event.amount();
        requestedBy = event.requestedBy();
        requestedAt = requested;
        enter(Stage.DEBITING, commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebited event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.DEBITING, LegDecision.applied(), commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebitRejected event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.DEBITING, LegDecision.rejected(event.reason()), commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountCredited event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.CREDITING, LegDecision.applied(), commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountCreditRejected event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.CREDITING, LegDecision.rejected(event.reason()), commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountDebitRefunded event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.REFUNDING, LegDecision.applied(), commandGateway, deadlineManager);
    }

    @SagaEventHandler(associationProperty = TRANSFER_ID)
    void on(AccountRefundRejected event, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        answered(Stage.REFUNDING, LegDecision.rejected(event.reason()), commandGateway, deadlineManager);
    }

    /**
     * The transfer's watchdog. A deadline of the saga's previous versions, one per step, also lands here: it
     * carries the stage it guarded, like this one.
     */
    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void watchTheStep(Stage setIn, CommandGateway commandGateway, DeadlineManager deadlineManager,
                      StepTimeouts timeouts) {
        // Nothing to cancel: this deadline has fired, and DbSchedulerDeadlineManager throws on cancelling a running one.
        deadlineId = null;
        if (setIn != stage) {
            scheduleTheStepDeadline(deadlineManager); // stages only move forward: the current one began since
            return;
        }
        attempts++;
        log.info("Transfer {}: no answer to {} in time (attempt {})", transferId, stage, attempts);
        timeouts.stepTimedOut(stage.name().toLowerCase(Locale.ROOT));
        if (stage != Stage.FINISHING && attempts >= MAX_ATTEMPTS) {
            finishAs(TransferStatus.MANUAL_REVIEW, LedgerErrorCode.STEP_TIMED_OUT, commandGateway, deadlineManager);
            return;
        }
        sendTheCurrentStep(commandGateway, deadlineManager);
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

    /** An answer to a step that is no longer the current one is a repeat of one the saga has acted on. */
    private void answered(Stage step, LegDecision decision, CommandGateway commandGateway,
                          DeadlineManager deadlineManager) {
        if (stage == step) {
            advance(decision, commandGateway, deadlineManager);
        }
    }

    /** Where the account's decision on the current leg leads, whether it came as the leg's event or its result. */
    private void advance(LegDecision decision, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        boolean applied = decision.outcome() == LegDecision.Outcome.APPLIED;
        switch (stage) {
            case DEBITING -> {
                if (applied) {
                    enter(Stage.CREDITING, commandGateway, deadlineManager);
                } else if (decision.reason() == LedgerErrorCode.TRANSFER_TOO_OLD) {
                    // The account cannot tell whether it took the debit: neither failing nor refunding is safe.
                    finishAs(TransferStatus.MANUAL_REVIEW, decision.reason(), commandGateway, deadlineManager);
                } else {
                    finishAs(TransferStatus.FAILED, decision.reason(), commandGateway, deadlineManager);
                }
            }
            case CREDITING -> {
                if (applied) {
                    finishAs(TransferStatus.COMPLETED, null, commandGateway, deadlineManager);
                } else if (decision.reason() == LedgerErrorCode.TRANSFER_TOO_OLD) {
                    // The destination may hold the credit already: a refund could pay the money out twice.
                    finishAs(TransferStatus.MANUAL_REVIEW, decision.reason(), commandGateway, deadlineManager);
                } else {
                    refundReason = decision.reason();
                    enter(Stage.REFUNDING, commandGateway, deadlineManager);
                }
            }
            case REFUNDING -> finishAs(applied ? TransferStatus.REFUNDED : TransferStatus.MANUAL_REVIEW,
                    applied ? refundReason : decision.reason(), commandGateway, deadlineManager);
            case FINISHING -> throw new IllegalStateException("The final command is not a leg: " + decision);
        }
    }

    private void finishAs(TransferStatus status, LedgerErrorCode reason,
                          CommandGateway commandGateway, DeadlineManager deadlineManager) {
        outcome = status;
        outcomeReason = reason;
        enter(Stage.FINISHING, commandGateway, deadlineManager);
    }

    private void enter(Stage next, CommandGateway commandGateway, DeadlineManager deadlineManager) {
        log.debug("Transfer {} enters {}", transferId, next);
        stage = next;
        attempts = 0;
        sendTheCurrentStep(commandGateway, deadlineManager);
    }

    /**
     * Sends the current step, and takes the next one at once when the answer came back with {@code send}: a leg the
     * account decided, or the final command handled. Otherwise the saga waits for the leg's event, with the
     * watchdog set.
     */
    private void sendTheCurrentStep(CommandGateway commandGateway, DeadlineManager deadlineManager) {
        Optional<Handled> handled = send(commandGateway, theCurrentCommand());
        if (stage == Stage.FINISHING && handled.isPresent()) {
            // The transfer has recorded this end, now or at an earlier attempt: the saga has nothing left to do.
            cancelTheStepDeadline(deadlineManager);
            SagaLifecycle.end();
            return;
        }
        Optional<LegDecision> decided = handled.flatMap(Handled::legDecision);
        if (decided.isPresent()) {
            advance(decided.get(), commandGateway, deadlineManager);
        } else if (deadlineId == null) {
            scheduleTheStepDeadline(deadlineManager); // the saga waits for the first time, or its watchdog has fired
        }
    }

    private Object theCurrentCommand() {
        return switch (stage) {
            case DEBITING -> new DebitAccount(sourceAccountId, transferId, amount, requestedBy, requestedAt);
            case CREDITING -> new CreditAccount(destinationAccountId, transferId, amount, requestedAt);
            case REFUNDING -> new RefundAccountDebit(sourceAccountId, transferId, amount, refundReason, requestedAt);
            case FINISHING -> theFinalCommand();
        };
    }

    private Object theFinalCommand() {
        return switch (outcome) {
            case COMPLETED -> new CompleteTransfer(transferId);
            case FAILED -> new FailTransfer(transferId, outcomeReason);
            case REFUNDED -> new MarkTransferRefunded(transferId, outcomeReason);
            case MANUAL_REVIEW -> new FlagTransferForReview(transferId, outcomeReason);
            case REQUESTED, DEBITED, REFUNDING -> throw new IllegalStateException("Not an outcome: " + outcome);
        };
    }

    /**
     * Sends a step's command. A failure is left to the step's deadline, with one exception. On a local command bus
     * the command runs at once, inside this event's batch, and the batch keeps every account it touched locked
     * until it commits. Another batch may be waiting for one of those while holding the account this command
     * needs: Axon then refuses the lock rather than deadlock. Only a rollback frees the accounts, so the refusal
     * fails the batch, which the processor retries moments later, instead of the transfer waiting for its deadline.
     *
     * @return the command's result if it was handled without error before this returned, as on a local command bus
     */
    private static Optional<Handled> send(CommandGateway commandGateway, Object command) {
        CompletableFuture<Object> result = commandGateway.send(command);
        Optional<RuntimeException> lockRefused = lockRefusal(result);
        if (lockRefused.isPresent()) {
            throw lockRefused.get();
        }
        result.whenComplete((ignored, failure) -> {
            if (failure != null) {
                warnThatTheStepFailed(command, failure);
            }
        });
        return result.isDone() && !result.isCompletedExceptionally()
                ? Optional.of(new Handled(result.join()))
                : Optional.empty();
    }

    /** A command handled before {@code send} returned, and what its handler answered ({@code null} for none). */
    private record Handled(Object result) {

        /** A leg the account decided now; a leg it had decided before is answered by its event, as on a remote bus. */
        Optional<LegDecision> legDecision() {
            return result instanceof LegDecision decision && decision.outcome() != LegDecision.Outcome.DECIDED_BEFORE
                    ? Optional.of(decision)
                    : Optional.empty();
        }
    }

    private static Optional<RuntimeException> lockRefusal(CompletableFuture<Object> result) {
        if (!result.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Throwable failure = result.handle((ignored, thrown) -> thrown).join();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionFailedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static void warnThatTheStepFailed(Object command, Throwable failure) {
        log.warn("{} failed; the step deadline will send it again", command, failure);
    }

    private void scheduleTheStepDeadline(DeadlineManager deadlineManager) {
        deadlineId = deadlineManager.schedule(stepTimeout, STEP_DEADLINE, stage);
    }

    private void cancelTheStepDeadline(DeadlineManager deadlineManager) {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(STEP_DEADLINE, deadlineId);
            deadlineId = null;
        }
    }
}
