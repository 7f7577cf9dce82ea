package dev.ledger.app.audit;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code ledgerBooks} health: DOWN when the latest audit found a mismatch, a currency whose money is not
 * conserved, or a stuck transfer; UNKNOWN until the first audit has finished. It reports the cached audit of
 * {@link BooksMonitor} and never replays the store itself. A restart mends none of these, so this belongs in
 * the overall health that alerts people, not in a liveness or readiness probe.
 */
@Component
class LedgerBooksHealthIndicator implements HealthIndicator {

    private final BooksMonitor monitor;

    LedgerBooksHealthIndicator(BooksMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        return monitor.latest()
                .map(report -> (report.ok() ? Health.up() : Health.down())
                        .withDetail("checkedAt", report.checkedAt())
                        .withDetail("accountsChecked", report.accountsChecked())
                        .withDetail("accountsLagging", report.accountsLagging())
                        .withDetail("mismatches", report.mismatches().size())
                        .withDetail("conserved", report.conserved())
                        .withDetail("stuckTransfers", report.stuckTransfers().size())
                        .build())
                .orElseGet(() -> Health.unknown().withDetail("audit", "the first audit is running").build());
    }
}
