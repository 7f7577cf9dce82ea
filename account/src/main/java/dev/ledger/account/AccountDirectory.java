package dev.ledger.account;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Answers "does this account exist, and in which currency and for whom?" from the event store, not from a
 * read model: a client that opens an account and moves money at once must not be told it does not exist
 * because a projection is a few milliseconds behind. An account's opening never changes, so it is cached.
 */
public class AccountDirectory {

    private static final int CACHED_ACCOUNTS = 10_000;

    private final EventStore eventStore;
    private final Map<AccountId, AccountOpened> openings = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<AccountId, AccountOpened> eldest) {
                    return size() > CACHED_ACCOUNTS;
                }
            });

    public AccountDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The identifier of the account's event at {@code sequenceNumber}, which is also the id of the statement entry
     * it records; empty when the stream has no such event.
     */
    public Optional<String> eventIdentifier(AccountId accountId, long sequenceNumber) {
        DomainEventStream events = eventStore.readEvents(accountId.value(), sequenceNumber);
        return events.hasNext() && events.peek().getSequenceNumber() == sequenceNumber
                ? Optional.of(events.peek().getIdentifier()) : Optional.empty();
    }

    public Optional<AccountOpened> opening(AccountId accountId) {
        AccountOpened cached = openings.get(accountId);
        if (cached != null) {
            return Optional.of(cached);
        }
        // The opening is the first event, unless credits to the id were refused before it was opened.
        DomainEventStream events = eventStore.readEvents(accountId.value(), 0);
        Optional<AccountOpened> opening = events.asStream()
                .map(DomainEventMessage::getPayload)
                .filter(AccountOpened.class::isInstance)
                .map(AccountOpened.class::cast)
                .findFirst();
        opening.ifPresent(opened -> openings.put(accountId, opened));
        return opening;
    }
}
