package dev.ledger.app.audit;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.account.AccountDirectory;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * An account's history and past balances, posted, pending and available, replayed from the event store and never
 * from a read model or a snapshot: this is what an auditor checks the read models against.
 */
@Component
class AccountHistory {

    private final EventStore eventStore;
    private final AccountDirectory directory;

    AccountHistory(EventStore eventStore, AccountDirectory directory) {
        this.eventStore = eventStore;
        this.directory = directory;
    }

    /** One page of an account's events, oldest first, with the running balances replayed from the first event. */
    record Page(AccountOpened opening, List<ReplayedEvent> events, long totalEvents) {
    }

    /**
     * Returns events {@code [page * size, page * size + size)} of the account, or empty when there is no such
     * account. The running balance needs every event before the page, so a page costs a read from the first
     * event to its last one; nothing after the page is read. Sequence numbers run from 0 without gaps, so the
     * last one tells the total.
     */
    Optional<Page> page(AccountId accountId, long page, int size) {
        Optional<AccountOpened> opening = directory.opening(accountId);
        if (opening.isEmpty()) {
            return Optional.empty();
        }
        DomainEventStream events = eventStore.readEvents(accountId.value(), 0);
        AccountReplay replay = new AccountReplay(accountId.value());
        long first = page * size;
        List<ReplayedEvent> content = new ArrayList<>(size);
        for (long index = 0; index < first + size && events.hasNext(); index++) {
            ReplayedEvent event = replay.apply(events.next());
            if (index >= first) {
                content.add(event);
            }
        }
        long total = eventStore.lastSequenceNumberFor(accountId.value()).map(last -> last + 1).orElse(0L);
        return Optional.of(new Page(opening.get(), withTransferReferences(content), total));
    }

    /**
     * A leg's event does not carry its transfer's reference; the transfer's request does, first in the transfer's
     * own stream. It is read once per transfer on the page, from the event store like everything else here.
     */
    private List<ReplayedEvent> withTransferReferences(List<ReplayedEvent> events) {
        Map<TransferId, Optional<String>> references = new HashMap<>();
        return events.stream()
                .map(event -> event.transferId() == null ? event : references
                        .computeIfAbsent(event.transferId(), this::referenceOf)
                        .map(event::withReference)
                        .orElse(event))
                .toList();
    }

    private Optional<String> referenceOf(TransferId transferId) {
        DomainEventStream events = eventStore.readEvents(transferId.value(), 0);
        return events.hasNext() && events.peek().getPayload() instanceof TransferRequested requested
                ? Optional.ofNullable(requested.reference()) : Optional.empty();
    }

    /** An account's posted balance and what it held for transfers at an instant; available is their difference. */
    record Balances(Money balance, Money pending) {

        Money available() {
            return balance.minus(pending);
        }
    }

    /**
     * The balance and pending after the last event stamped at or before {@code asOf}; empty when the account did
     * not exist then. Replay stops at the first later event, so a balance never includes an event without all
     * before it.
     */
    Optional<Balances> balanceAt(AccountId accountId, Instant asOf) {
        DomainEventStream events = eventStore.readEvents(accountId.value(), 0);
        AccountReplay replay = new AccountReplay(accountId.value());
        while (events.hasNext() && !events.peek().getTimestamp().isAfter(asOf)) {
            replay.apply(events.next());
        }
        // Credits refused before the account was opened may come first; it existed only once it was opened.
        return replay.isOpened() ? Optional.of(new Balances(replay.balance(), replay.pending())) : Optional.empty();
    }
}
