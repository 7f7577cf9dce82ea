package dev.ledger.app.idempotency;

import dev.ledger.app.config.IdempotencySettings;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys, and which key named which transfer ({@link TransferRequestKeys}), once they are older
 * than the retention (48 hours by default; the contract promises at least 24). Deleting is idempotent, so every node
 * may run it.
 */
@Component
class IdempotencyKeyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyRetention.class);
    private static final Duration MINIMUM = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    IdempotencyKeyRetention(JdbcTemplate jdbc, IdempotencySettings settings) {
        Duration retention = settings.retention();
        if (retention.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("ledger.idempotency.retention must be at least 24h: the API promises it");
        }
        this.jdbc = jdbc;
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.purge-interval:1h}", initialDelayString = "1m")
    void purgeExpiredKeys() {
        purgeOlderThan(Instant.now().minus(retention));
    }

    int purgeOlderThan(Instant cutoff) {
        int purged = jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?", Timestamp.from(cutoff));
        jdbc.update("DELETE FROM transfer_request_key WHERE created_at < ?", Timestamp.from(cutoff));
        if (purged > 0) {
            log.info("Forgot {} idempotency keys created before {}", purged, cutoff);
        }
        return purged;
    }
}
