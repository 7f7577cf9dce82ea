package dev.ledger.app.audit;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.FindAccount;
import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Compares one account, as its events add it up, with the account read model, for the full replay and the books
 * projection alike. A view that differs may only be behind, or ahead because the account moved after the events
 * the audit saw: it counts as a mismatch only if the read model's processor has handled the account's last audited
 * event, the view still differs when read again after that, and the account has no newer events.
 */
@Component
class ReadModelComparison {

    private final EventStore eventStore;
    private final QueryGateway queries;
    private final ReadModelProgress readModel;

    ReadModelComparison(EventStore eventStore, QueryGateway queries, ReadModelProgress readModel) {
        this.eventStore = eventStore;
        this.queries = queries;
        this.readModel = readModel;
    }

    /** The mismatches of one sound account, or empty when its read model has not caught up with its events. */
    Optional<List<Mismatch>> compare(AuditedAccount account) {
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
        // Available is balance - pending on both sides, so it agrees once they do and is not reported a second time.
        compare(differences, id, "pending", replay.pending().minorUnits(), view.pending().minorUnits());
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
