package dev.ledger.query.transfer;

import dev.ledger.api.Correlation;
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
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.api.transfer.query.CountTransfersByStatus;
import dev.ledger.api.transfer.query.FindTransfer;
import dev.ledger.api.transfer.query.ListTransfers;
import dev.ledger.api.transfer.query.TransferPage;
import dev.ledger.api.transfer.query.TransferStatusCounts;
import dev.ledger.api.transfer.query.TransferView;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * The transfer read model: status, failure code and a timeline of steps, one per event of the transfer
 * (including the account legs, which carry the transfer id), each with the correlation and causation ids from
 * its event's metadata, so an operator can go from the timeline to the logs and the trace of that request. The end
 * of a transfer is also emitted to subscribers of {@link FindTransfer}, so a client can wait for the terminal
 * status without polling.
 */
@Component
@ProcessingGroup(TransferProjection.PROCESSING_GROUP)
class TransferProjection {

    static final String PROCESSING_GROUP = "transfer-view";
    private static final String CHANGED_TRANSFERS = TransferProjection.class.getName() + ".changedTransfers";

    private final TransferViewWriter writer;
    private final TransferViewReader reader;
    private final QueryUpdateEmitter updates;

    TransferProjection(TransferViewWriter writer, TransferViewReader reader, QueryUpdateEmitter updates) {
        this.writer = writer;
        this.reader = reader;
        this.updates = updates;
    }

    @EventHandler
    void on(TransferRequested event, EventMessage<?> message) {
        writer.recordRequest(event.transferId().value(), event.sourceAccountId().value(),
                event.destinationAccountId().value(), event.amount(), event.reference(), message.getTimestamp(),
                metadata(message, Correlation.CORRELATION_ID),
                event.capture() == null ? CaptureMode.AUTOMATIC : event.capture(), event.expiresAt());
        step(event.transferId(), message, TransferStatus.REQUESTED, null);
    }

    @EventHandler
    void on(AccountDebited event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.DEBITED, null);
    }

    @EventHandler
    void on(AccountDebitRejected event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountCredited event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountCreditRejected event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.REFUNDING, event.reason());
    }

    @EventHandler
    void on(AccountDebitRefunded event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.REFUNDING, event.reason());
    }

    @EventHandler
    void on(AccountRefundRejected event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(TransferCompleted event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.COMPLETED, null);
    }

    @EventHandler
    void on(TransferFailed event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.FAILED, event.reason());
    }

    @EventHandler
    void on(TransferRefunded event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.REFUNDED, event.reason());
    }

    @EventHandler
    void on(TransferFlaggedForReview event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.MANUAL_REVIEW, event.reason());
    }

    @EventHandler
    void on(AccountFundsHeld event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountHoldRejected event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(TransferAuthorized event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.AUTHORIZED, null);
    }

    @EventHandler
    void on(TransferCaptureRequested event, EventMessage<?> message) {
        writer.recordCapture(event.transferId().value(), event.amount());
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(TransferVoidRequested event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(TransferAuthorizationLapsed event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountHoldCaptured event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.DEBITED, null);
    }

    @EventHandler
    void on(AccountCaptureRejected event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountHoldReleased event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(AccountReleaseRejected event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    @EventHandler
    void on(TransferVoided event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.VOIDED, null);
    }

    @EventHandler
    void on(TransferExpired event, EventMessage<?> message) {
        step(event.transferId(), message, TransferStatus.EXPIRED, null);
    }

    @EventHandler
    void on(TransferResolutionProposed event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
    }

    /** Back in flight for a refund or retry; a failure or completion waits for its own end, which follows. */
    @EventHandler
    void on(TransferReviewResolved event, EventMessage<?> message) {
        step(event.transferId(), message, null, null);
        writer.reopen(event.transferId().value(), event.statusAfter());
    }

    @ResetHandler
    void reset() {
        writer.deleteAll();
    }

    /** {@code null} when the read model has no such transfer: an {@code Optional} cannot cross a remote bus. */
    @QueryHandler
    TransferView handle(FindTransfer query) {
        return reader.find(query.transferId().value()).orElse(null);
    }

    @QueryHandler
    TransferPage handle(ListTransfers query) {
        return reader.list(query);
    }

    @QueryHandler
    TransferStatusCounts handle(CountTransfersByStatus query) {
        return new TransferStatusCounts(reader.countByStatus());
    }

    private void step(TransferId transferId, EventMessage<?> message, TransferStatus next, LedgerErrorCode reason) {
        String id = transferId.value();
        writer.recordStep(message.getIdentifier(), id, message.getPayloadType().getSimpleName(),
                message.getTimestamp(), metadata(message, Correlation.CORRELATION_ID),
                metadata(message, Correlation.CAUSATION_ID));
        if (next != null) {
            writer.advance(id, next, reason);
            if (next.isAtRest()) {
                tellWaitingClients(transferId);
            }
        }
    }

    /**
     * Sends the finished transfer's view to the clients waiting for it, once the batch that ended it is committed.
     * Clients wait for the end of a transfer ({@code GET /api/transfers/{id}?waitSeconds=}), or for its
     * authorization, so the steps in between are not sent. Building a view reads the whole timeline, so it is built only when somebody waits for that
     * transfer: ledger-bench profiled this handler as the busiest of the ledger when it built a view for every
     * change. Looking for waiting clients after the commit leaves no gap: a client that subscribes later reads
     * the committed end as its initial result.
     */
    private void tellWaitingClients(TransferId transferId) {
        if (!CurrentUnitOfWork.isStarted()) {
            emitIfAwaited(transferId);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Set<TransferId> changed = batch.getOrComputeResource(CHANGED_TRANSFERS, key -> {
            Set<TransferId> transferIds = new LinkedHashSet<>();
            batch.afterCommit(committed -> transferIds.forEach(this::emitIfAwaited));
            return transferIds;
        });
        changed.add(transferId);
    }

    private void emitIfAwaited(TransferId transferId) {
        boolean awaited = updates.activeSubscriptions().stream()
                .anyMatch(subscription -> subscription.getPayload() instanceof FindTransfer query
                        && query.transferId().equals(transferId));
        if (awaited) {
            reader.find(transferId.value()).ifPresent(view -> updates.emit(FindTransfer.class,
                    query -> query.transferId().equals(transferId), view));
        }
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
