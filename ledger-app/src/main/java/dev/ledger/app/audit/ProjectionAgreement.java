package dev.ledger.app.audit;

import dev.ledger.app.audit.BooksReport.Disagreement;
import dev.ledger.app.audit.BooksReport.StuckTransfer;
import dev.ledger.app.audit.LedgerBooks.AuditedAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Holds the books projection against a full replay of the event store, so that an explicit verify also tells
 * whether the incremental audit can be trusted. The projection goes on applying events while the replay runs, so
 * it is first given time to reach the replay's head; then each account is compared unless the projection has seen
 * a later event of it, and the ledger-wide figures only if the projection has applied nothing beyond the head.
 */
@Component
class ProjectionAgreement {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String BOOKS = "books";

    private final BooksStore store;
    private final AuditSettings settings;

    ProjectionAgreement(BooksStore store, AuditSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    List<Disagreement> disagreements(LedgerBooks replayed, long headPosition, Instant checkedAt) {
        if (!caughtUp(headPosition)) {
            return List.of(new Disagreement(BOOKS, "position", headPosition, store.position()));
        }
        List<Disagreement> found = new ArrayList<>();
        Map<String, AuditedAccount> projected = new HashMap<>();
        store.accounts().forEach(account -> projected.put(account.replay().accountId(), account));
        for (AuditedAccount account : replayed.accounts()) {
            String id = account.replay().accountId();
            AuditedAccount held = projected.remove(id);
            if (held == null) {
                found.add(new Disagreement(id, "exists", true, false));
            } else if (held.lastPosition() <= account.lastPosition()) {
                compare(found, id, "lastPosition", account.lastPosition(), held.lastPosition());
                compare(found, id, "sound", account.isSound(), held.isSound());
                compare(found, id, "lastSequence", account.replay().lastSequence(), held.replay().lastSequence());
                compare(found, id, "balance", account.replay().balance(), held.replay().balance());
                compare(found, id, "pending", account.replay().pending(), held.replay().pending());
                compare(found, id, "status", account.replay().status(), held.replay().status());
            }
        }
        projected.values().stream()
                .filter(account -> account.lastPosition() <= headPosition)
                .forEach(account -> found.add(new Disagreement(account.replay().accountId(), "exists", false, true)));
        if (store.position() == headPosition) {
            compare(found, BOOKS, "eventsReplayed", replayed.eventsReplayed(), store.events());
            compare(found, BOOKS, "conservation", replayed.conservation(), store.conservation());
            compare(found, BOOKS, "eventMismatches", new HashSet<>(replayed.eventMismatches()),
                    new HashSet<>(store.findings()));
            compare(found, BOOKS, "holdMismatches", new HashSet<>(replayed.holdMismatches()),
                    new HashSet<>(store.holdMismatches()));
            compare(found, BOOKS, "stuckTransfers", ids(replayed.stuckTransfers(checkedAt, settings.stuckAfter())),
                    ids(store.stuckTransfers(checkedAt.minus(settings.stuckAfter()))));
        }
        return found;
    }

    private boolean caughtUp(long headPosition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (store.position() < headPosition) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static Set<String> ids(List<StuckTransfer> stuck) {
        return stuck.stream().map(StuckTransfer::transferId).collect(Collectors.toSet());
    }

    private static void compare(List<Disagreement> found, String subject, String field, Object replay,
                                Object projection) {
        if (!Objects.equals(replay, projection)) {
            found.add(new Disagreement(subject, field, replay, projection));
        }
    }
}
