package dev.ledger.app.idempotency;

import dev.ledger.api.account.MovementId;
import dev.ledger.app.config.IdempotencySettings;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets idempotency keys, and which key named which transfer ({@link TransferRequestKeys}), once they are older
 * than the retention (48 hours by default; the contract promises at least 24). Deleting is idempotent, so every node
 * may run it.
 *
 * <p>A key is found until the purge after its retention, and while it is, a cash movement retried under it carries
 * the movement id derived from it; so that much has to be shorter than accounts remember movements
 * ({@link MovementId#REMEMBERED_FOR}), with an hour to spare for the nodes' clocks. A longer retention stops the start.
 */
@Component
class IdempotencyKeyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyRetention.class);
    private static final Duration MINIMUM = Duration.ofHours(24);
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    IdempotencyKeyRetention(JdbcTemplate jdbc, IdempotencySettings settings,
                            @Value("${ledger.idempotency.purge-interval:1h}") Duration purgeInterval) {
        Duration retention = settings.retention();
        if (retention.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("ledger.idempotency.retention must be at least 24h: the API promises it");
        }
        if (retention.plus(purgeInterval).plus(CLOCK_SKEW_ALLOWANCE).compareTo(MovementId.REMEMBERED_FOR) >= 0) {
            throw new IllegalArgumentException("ledger.idempotency.retention plus ledger.idempotency.purge-interval must"
                    + " be shorter than " + MovementId.REMEMBERED_FOR.minus(CLOCK_SKEW_ALLOWANCE).toHours() + "h:"
                    + " accounts recognise a retried deposit or withdrawal for " + MovementId.REMEMBERED_FOR.toDays()
                    + " days only");
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
