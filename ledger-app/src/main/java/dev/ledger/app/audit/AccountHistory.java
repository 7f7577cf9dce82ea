package dev.ledger.app.audit;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.account.AccountDirectory;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.app.audit.ReplayedEvent.ReviewNote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
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
     * A leg's event does not carry its transfer's reference, nor the manual-review resolution that sent it; the
     * transfer's own stream does: its request first, and each resolution in its place. A leg stamped at or after a
     * resolution that resumed the transfer was sent for it. Each transfer on the page is read once, from the event
     * store like everything else here.
     */
    private List<ReplayedEvent> withTransferReferences(List<ReplayedEvent> events) {
        Map<TransferId, TransferNotes> notes = new HashMap<>();
        return events.stream()
                .map(event -> event.transferId() == null ? event
                        : notes.computeIfAbsent(event.transferId(), this::notesOf).on(event))
                .toList();
    }

    /** What a transfer's stream tells about its legs: the client's reference, and its resolutions in review. */
    private record TransferNotes(String reference, List<ReviewNote> resolutions) {

        ReplayedEvent on(ReplayedEvent leg) {
            ReviewNote sentFor = null;
            for (ReviewNote resolution : resolutions) {
                if (!leg.timestamp().isBefore(resolution.at())) {
                    sentFor = resolution;
                }
            }
            return reference == null && sentFor == null ? leg : leg.withTransferNotes(reference, sentFor);
        }
    }

    private TransferNotes notesOf(TransferId transferId) {
        DomainEventStream events = eventStore.readEvents(transferId.value(), 0);
        String reference = events.hasNext() && events.peek().getPayload() instanceof TransferRequested requested
                ? requested.reference() : null;
        List<ReviewNote> resolutions = new ArrayList<>();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getPayload() instanceof TransferReviewResolved resolved && resolved.resumedLeg() != null) {
                resolutions.add(new ReviewNote(resolved.resolutionId(),
                        resolved.action().name().toLowerCase(Locale.ROOT), resolved.decidedBy(),
                        resolved.approvedBy(), resolved.reason(), event.getTimestamp()));
            }
        }
        return new TransferNotes(reference, resolutions);
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
