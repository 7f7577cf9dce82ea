package dev.ledger.app.audit;

import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Audits the whole ledger the expensive way: replays every event into {@link LedgerBooks}, then compares each
 * account with the account read model.
 *
 * <p>The events are read as one stream in the event store's global order, up to the head the store had when
 * the audit began, rather than by listing aggregate ids and reading each account on its own. One ordered pass
 * reads the store in batches, applies the upcasters like any other reader, holds one small entry per account
 * and transfer instead of any event, and costs the same whether the store holds ten accounts or a million; a
 * read per account would cost one query per account on top. And because the events of a transfer's legs are
 * ordered across accounts, every prefix of that stream is a consistent moment of the ledger, so conservation
 * is checked at a real instant even while transfers keep running.
 *
 * <p>The read model is compared per account, after the replay, by {@link ReadModelComparison}. The books
 * projection, which the periodic audit reads instead ({@link BooksCheck}), is then held against the replay by
 * {@link ProjectionAgreement}.
 */
@Component
class BooksVerifier {

    /** How long the stream may stay silent before reaching the head it was asked for. */
    private static final int STALL_LIMIT_SECONDS = 30;

    private final EventStore eventStore;
    private final ReadModelProgress readModel;
    private final ReadModelComparison readModelComparison;
    private final ProjectionAgreement projection;
    private final AuditSettings settings;
    private final Clock clock;

    BooksVerifier(EventStore eventStore, ReadModelProgress readModel, ReadModelComparison readModelComparison,
                  ProjectionAgreement projection, AuditSettings settings) {
        this.eventStore = eventStore;
        this.readModel = readModel;
        this.readModelComparison = readModelComparison;
        this.projection = projection;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** The full audit, replayed from the event store, with where the books projection disagrees with it. */
    BooksReport verify() {
        Instant checkedAt = clock.instant();
        long headPosition = headPosition();
        LedgerBooks books = replayTheStore(headPosition);
        List<Mismatch> mismatches = new ArrayList<>(books.eventMismatches());
        mismatches.addAll(books.holdMismatches());
        int lagging = 0;
        for (AuditedAccount account : books.accounts()) {
            if (account.isSound()) {
                Optional<List<Mismatch>> differences = readModelComparison.compare(account);
                if (differences.isPresent()) {
                    mismatches.addAll(differences.get());
                } else {
                    lagging++;
                }
            }
        }
        return BooksReport.of(books.accounts().size(), lagging, mismatches, books.conservation(),
                        books.stuckTransfers(checkedAt, settings.stuckAfter()), books.eventsReplayed(), checkedAt)
                .withProjectionDisagreements(projection.disagreements(books, headPosition, checkedAt));
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private LedgerBooks replayTheStore(long headPosition) {
        LedgerBooks books = new LedgerBooks();
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
}
