package dev.ledger.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
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
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
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
 * <p>Stored with its saga between events, so its fields are plain state only.
 */
public final class TransferProcess {

    /** How often a step is sent before the transfer is left for manual review. */
    public static final int MAX_ATTEMPTS = 3;

    /** Where a transfer is; also the payload of pending step deadlines, so a renamed constant would strand them. */
    public enum Stage { DEBITING, CREDITING, REFUNDING, FINISHING }

    private TransferId transferId;
    private AccountId sourceAccountId;
    private AccountId destinationAccountId;
    private Money amount;
    // A transfer stored before requesters were recorded has none. It fails closed: such a requester owns no
    // account, so its debit is refused.
    private Requester requestedBy = Requester.unrecorded();
    private Instant requestedAt;
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
        process.stage = Stage.DEBITING;
        return process;
    }

    public TransferId transferId() {
        return transferId;
    }

    public Stage stage() {
        return stage;
    }

    /** How often the current step has gone a whole timeout unanswered. */
    public int attempts() {
        return attempts;
    }

    /** The command of the step the transfer is in. */
    public Object currentCommand() {
        return switch (stage) {
            case DEBITING -> new DebitAccount(sourceAccountId, transferId, amount, requestedBy, requestedAt);
            case CREDITING -> new CreditAccount(destinationAccountId, transferId, amount, requestedAt);
            case REFUNDING -> new RefundAccountDebit(sourceAccountId, transferId, amount, refundReason, requestedAt);
            case FINISHING -> finalCommand();
        };
    }

    /**
     * An account decided the leg of {@code step}: the next step's command. Empty when there is nothing to send: the
     * answer is for a step the transfer has left (a repeat), or says only that the leg was decided before, whose own
     * event will say how.
     */
    public Optional<Object> decided(Stage step, LegDecision decision) {
        if (step != stage || stage == Stage.FINISHING || decision.outcome() == LegDecision.Outcome.DECIDED_BEFORE) {
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
            case FINISHING -> throw new IllegalStateException("unreachable");
        });
    }

    /**
     * The watchdog set in {@code setIn} fired. Empty if the transfer has left that stage since: the current step has
     * had less than a whole timeout, so the watchdog only comes back later. Otherwise the current step went a whole
     * timeout unanswered: its command again, or, after its last attempt, the flag for manual review. The final
     * command is never given up.
     */
    public Optional<Object> timedOut(Stage setIn) {
        if (setIn != stage) {
            return Optional.empty();
        }
        attempts++;
        if (stage != Stage.FINISHING && attempts >= MAX_ATTEMPTS) {
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
            case REQUESTED, DEBITED, REFUNDING -> throw new IllegalStateException("Not an outcome: " + outcome);
        };
    }
}
