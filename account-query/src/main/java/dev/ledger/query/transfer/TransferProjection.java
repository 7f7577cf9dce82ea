package dev.ledger.query.transfer;

import dev.ledger.api.Correlation;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.CountTransfersByStatus;
import dev.ledger.api.transfer.query.FindTransfer;
import dev.ledger.api.transfer.query.TransferStatusCounts;
import dev.ledger.api.transfer.query.TransferView;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * The transfer read model: status, failure code and a timeline of steps, one per event of the transfer
 * (including the account legs, which carry the transfer id), each with the correlation and causation ids from
 * its event's metadata, so an operator can go from the timeline to the logs and the trace of that request. Every
 * change of status is also emitted to subscribers of {@link FindTransfer}, so a client can wait for the terminal
 * status without polling.
 */
@Component
@ProcessingGroup(TransferProjection.PROCESSING_GROUP)
class TransferProjection {

    static final String PROCESSING_GROUP = "transfer-view";

    private final TransferViewRepository transfers;
    private final TransferStepRepository steps;
    private final QueryUpdateEmitter updates;

    TransferProjection(TransferViewRepository transfers, TransferStepRepository steps, QueryUpdateEmitter updates) {
        this.transfers = transfers;
        this.steps = steps;
        this.updates = updates;
    }

    @EventHandler
    void on(TransferRequested event, EventMessage<?> message) {
        if (!transfers.existsById(event.transferId().value())) {
            transfers.save(new TransferViewEntity(event.transferId(), event.sourceAccountId(),
                    event.destinationAccountId(), event.amount(), message.getTimestamp(),
                    metadata(message, Correlation.CORRELATION_ID)));
        }
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

    @ResetHandler
    void reset() {
        steps.deleteAllInBatch();
        transfers.deleteAllInBatch();
    }

    @QueryHandler
    Optional<TransferView> handle(FindTransfer query) {
        return view(query.transferId().value());
    }

    @QueryHandler
    TransferStatusCounts handle(CountTransfersByStatus query) {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        for (Object[] row : transfers.countByStatus()) {
            counts.put((TransferStatus) row[0], (Long) row[1]);
        }
        return new TransferStatusCounts(counts);
    }

    private void step(TransferId transferId, EventMessage<?> message, TransferStatus next, LedgerErrorCode reason) {
        String id = transferId.value();
        if (!steps.existsById(message.getIdentifier())) {
            steps.save(new TransferStepEntity(message.getIdentifier(), id, message.getPayloadType().getSimpleName(),
                    message.getTimestamp(), metadata(message, Correlation.CORRELATION_ID),
                    metadata(message, Correlation.CAUSATION_ID)));
        }
        if (next != null) {
            transfers.findById(id).ifPresent(transfer -> transfer.advance(next, reason));
            // Building the view reads the whole timeline and flushes the batch's pending writes first, which made
            // this the busiest handler of the ledger (ledger-bench profile); a step that leaves the status as it
            // was changes nothing a waiting client acts on, so only status changes are sent.
            view(id).ifPresent(view -> updates.emit(FindTransfer.class,
                    query -> query.transferId().equals(transferId), view));
        }
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private Optional<TransferView> view(String transferId) {
        return transfers.findById(transferId).map(transfer -> transfer.toView(
                steps.findByTransferIdOrderByOccurredAtAscEventIdAsc(transferId).stream()
                        .map(TransferStepEntity::toStep)
                        .toList()));
    }
}
