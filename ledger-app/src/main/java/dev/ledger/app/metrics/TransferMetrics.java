package dev.ledger.app.metrics;

import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.CountTransfersByStatus;
import dev.ledger.api.transfer.query.TransferStatusCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.transfers{status=...}}: how many transfers the read model holds in each status, so that
 * operators can alert on transfers in {@code MANUAL_REVIEW} or stuck in flight. Counted from the read model
 * (not incremented by handlers), so a replay never counts a transfer twice; read at most every few seconds.
 */
@Component
class TransferMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final QueryGateway queries;
    private TransferStatusCounts counts;
    private Instant countedAt = Instant.MIN;

    TransferMetrics(QueryGateway queries, MeterRegistry registry) {
        this.queries = queries;
        for (TransferStatus status : TransferStatus.values()) {
            Gauge.builder("ledger.transfers", this, metrics -> metrics.count(status))
                    .description("Transfers in the read model, by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private synchronized double count(TransferStatus status) {
        if (counts == null || Instant.now().isAfter(countedAt.plus(FRESH_FOR))) {
            counts = queries.query(new CountTransfersByStatus(), TransferStatusCounts.class).join();
            countedAt = Instant.now();
        }
        return counts.of(status);
    }
}
