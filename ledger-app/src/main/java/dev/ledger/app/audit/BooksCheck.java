package dev.ledger.app.audit;

import dev.ledger.app.audit.BooksReport.Mismatch;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The incremental audit: the same report as the full replay ({@link BooksVerifier}), read from the books
 * projection. Conservation, stuck transfers and the findings inside the events are a few aggregate queries; the
 * read model is compared in one query that returns only the accounts whose view differs, and each of those is
 * then judged as the replay judges it, lag apart from error. No event is read from the store.
 *
 * <p>The report describes the events the projection has applied: while it is rebuilt, or behind, it is the audit
 * of an earlier moment of the ledger, still consistent, since the projection follows the store's order.
 */
@Component
class BooksCheck {

    private final BooksStore store;
    private final ReadModelComparison readModel;
    private final AuditSettings settings;
    private final Clock clock;

    BooksCheck(BooksStore store, ReadModelComparison readModel, AuditSettings settings) {
        this.store = store;
        this.readModel = readModel;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    BooksReport check() {
        Instant checkedAt = clock.instant();
        List<Mismatch> mismatches = new ArrayList<>(store.findings());
        mismatches.addAll(store.holdMismatches());
        int lagging = 0;
        for (AuditedAccount account : store.accountsDifferingFromTheReadModel()) {
            Optional<List<Mismatch>> differences = readModel.compare(account);
            if (differences.isPresent()) {
                mismatches.addAll(differences.get());
            } else {
                lagging++;
            }
        }
        return BooksReport.of(Math.toIntExact(store.accountCount()), lagging, mismatches, store.conservation(),
                store.stuckTransfers(checkedAt.minus(settings.stuckAfter())), store.events(), checkedAt);
    }
}
