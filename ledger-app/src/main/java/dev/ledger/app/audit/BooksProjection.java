package dev.ledger.app.audit;

import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * The books projection: the figures of a full replay of the event store ({@link LedgerBooks}), kept event by event
 * in {@link BooksStore} so that the periodic audit reads them instead of replaying the store. It applies the same
 * account replay and transfer trail as the full replay, one stored entry resumed per event.
 *
 * <p>Its processor has one segment and one sequence ({@link AuditConfiguration}): the per-currency sums and a
 * transfer's legs, which come from several accounts, are then updated by one thread in the event store's order,
 * and every state the tables pass through is a consistent prefix of the ledger. An event is applied once: each
 * aggregate's last applied sequence number is stored with the rest, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(BooksProjection.PROCESSING_GROUP)
class BooksProjection {

    static final String PROCESSING_GROUP = "books";

    private final BooksStore store;
    private final ReadModelProgress readModel;

    BooksProjection(BooksStore store, ReadModelProgress readModel) {
        this.store = store;
        this.readModel = readModel;
    }

    @EventHandler
    void on(Object payload, DomainEventMessage<?> event, TrackingToken token) {
        if (!store.firstDelivery(event.getAggregateIdentifier(), event.getSequenceNumber())) {
            return;
        }
        long position = token.position().orElse(-1);
        store.counted(position);
        if (payload instanceof MoneyDeposited deposit) {
            store.cash(deposit.amount(), true);
        } else if (payload instanceof MoneyWithdrawn withdrawal) {
            store.cash(withdrawal.amount(), false);
        }
        if (payload instanceof TransferEvent transferEvent) {
            String transferId = transferEvent.transferId().value();
            TransferTrail trail = store.transfer(transferId).orElseGet(TransferTrail::new);
            trail.record(event).ifPresent(finding -> store.finding(finding, position));
            store.save(transferId, trail);
        }
        if (AccountReplay.isAccountEvent(payload)) {
            String accountId = event.getAggregateIdentifier();
            AuditedAccount account = store.account(accountId).orElseGet(() -> new AuditedAccount(accountId));
            Function<EventMessage<?>, Object> segmentKeys = readModel.segmentKeys();
            account.record(event, position, segmentKeys.apply(event), finding -> store.finding(finding, position));
            store.save(account);
        }
    }

    @ResetHandler
    void reset() {
        store.clear();
    }
}
