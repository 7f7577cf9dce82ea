package dev.ledger.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One transfer's lifecycle. It records the request and exactly one end; the legs in between happen on the
 * accounts and are driven by {@link TransferSaga}.
 */
class Transfer {

    @AggregateIdentifier
    private TransferId transferId;
    private TransferStatus status;

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
                command.destinationAccountId(), command.amount(), command.reference(), command.requestedBy()));
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

    private void endAs(TransferStatus outcome, Object terminalEvent) {
        if (status == outcome) {
            return; // the saga redelivered a step that already landed
        }
        if (status.isTerminal()) {
            throw new LedgerRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_ENDED,
                    "Transfer " + transferId + " already ended as " + status + ", it cannot become " + outcome);
        }
        apply(terminalEvent);
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferId = event.transferId();
        status = TransferStatus.REQUESTED;
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
    }
}
