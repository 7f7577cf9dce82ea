package dev.ledger.app.audit;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.FindAccount;
import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Audits the whole ledger: replays every event into {@link LedgerBooks}, then compares each account with the
 * account read model.
 *
 * <p>The events are read as one stream in the event store's global order, up to the head the store had when
 * the audit began, rather than by listing aggregate ids and reading each account on its own. One ordered pass
 * reads the store in batches, applies the upcasters like any other reader, holds one small entry per account
 * and transfer instead of any event, and costs the same whether the store holds ten accounts or a million; a
 * read per account would cost one query per account on top. And because the events of a transfer's legs are
 * ordered across accounts, every prefix of that stream is a consistent moment of the ledger, so conservation
 * is checked at a real instant even while transfers keep running.
 *
 * <p>The read model is compared per account, after the replay. An account whose view agrees is done. One whose
 * view differs may only be behind, or ahead because the account moved after the audit's head: it counts as a
 * mismatch only if the processor has handled the account's latest replayed event, the view still differs when
 * read again after that, and the account has no newer events.
 */
@Component
class BooksVerifier {

    /** How long the stream may stay silent before reaching the head it was asked for. */
    private static final int STALL_LIMIT_SECONDS = 30;

    private final EventStore eventStore;
    private final QueryGateway queries;
    private final ReadModelProgress readModel;
    private final AuditSettings settings;
    private final Clock clock;

    BooksVerifier(EventStore eventStore, QueryGateway queries, ReadModelProgress readModel, AuditSettings settings) {
        this.eventStore = eventStore;
        this.queries = queries;
        this.readModel = readModel;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    BooksReport verify() {
        Instant checkedAt = clock.instant();
        LedgerBooks books = replayTheStore();
        List<Mismatch> mismatches = new ArrayList<>(books.eventMismatches());
        int lagging = 0;
        for (AuditedAccount account : books.accounts()) {
            if (account.isSound()) {
                Optional<List<Mismatch>> differences = compareWithReadModel(account);
                if (differences.isPresent()) {
                    mismatches.addAll(differences.get());
                } else {
                    lagging++;
                }
            }
        }
        return BooksReport.of(books.accounts().size(), lagging, mismatches, books.conservation(),
                books.stuckTransfers(checkedAt, settings.stuckAfter()), books.eventsReplayed(), checkedAt);
    }

    private LedgerBooks replayTheStore() {
        LedgerBooks books = new LedgerBooks();
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        if (headPosition < 0) {
            return books;
        }
        Function<EventMessage<?>, Object> segmentKeys = readModel.segmentKeys();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            long position = -1;
            while (position < headPosition) {
                if (!stream.hasNextAvailable(STALL_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The event stream stopped at " + position
                            + " before the head at " + headPosition);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                position = event.trackingToken().position().orElse(position);
                if (event instanceof DomainEventMessage<?> domainEvent) {
                    books.record(domainEvent, position, segmentKeys.apply(event));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying the event store", e);
        }
        return books;
    }

    /** The mismatches of one account, or empty when its read model has not caught up with its events. */
    private Optional<List<Mismatch>> compareWithReadModel(AuditedAccount account) {
        AccountReplay replay = account.replay();
        List<Mismatch> differences = differences(replay, find(replay.opening().accountId()));
        if (differences.isEmpty()) {
            return Optional.of(differences);
        }
        if (!readModel.hasHandled(account.readModelKey(), account.lastPosition())) {
            return Optional.empty();
        }
        // The processor has passed the account's events, so a view read from now on includes them.
        differences = differences(replay, find(replay.opening().accountId()));
        boolean movedOnSinceTheHead = eventStore.lastSequenceNumberFor(replay.accountId())
                .filter(last -> last > replay.lastSequence())
                .isPresent();
        return movedOnSinceTheHead ? Optional.empty() : Optional.of(differences);
    }

    private Optional<AccountView> find(AccountId accountId) {
        return Optional.ofNullable(queries.query(new FindAccount(accountId), AccountView.class).join());
    }

    private static List<Mismatch> differences(AccountReplay replay, Optional<AccountView> found) {
        String id = replay.accountId();
        if (found.isEmpty()) {
            return List.of(Mismatch.withReadModel(id, "exists", true, false));
        }
        AccountView view = found.get();
        AccountOpened opening = replay.opening();
        List<Mismatch> differences = new ArrayList<>();
        compare(differences, id, "balance", replay.balance().minorUnits(), view.balance().minorUnits());
        compare(differences, id, "currency", replay.balance().currency().getCurrencyCode(),
                view.balance().currency().getCurrencyCode());
        compare(differences, id, "status", replay.status().name(), view.status().name());
        compare(differences, id, "overdraftLimit", opening.overdraftLimit().minorUnits(),
                view.overdraftLimit().minorUnits());
        compare(differences, id, "owner", opening.owner(), view.owner());
        return differences;
    }

    private static void compare(List<Mismatch> differences, String accountId, String field, Object expected,
                                Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(Mismatch.withReadModel(accountId, field, expected, actual));
        }
    }
}
