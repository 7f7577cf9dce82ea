package dev.ledger.app.idempotency;

import dev.ledger.api.transfer.TransferId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers which request (a caller and its {@code Idempotency-Key}, as a digest) first named a transfer id, so that
 * the same request sent again after its answer was lost can tell its own transfer from someone else's. A transfer
 * without an id of its own needs none of this: its id is derived from the key.
 */
@Component
public class TransferRequestKeys {

    private final JdbcTemplate jdbc;

    TransferRequestKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code requestKey} names {@code transferId}, before the transfer is requested. Joins the caller's
     * transaction where there is one, so that on the embedded event store it commits with the transfer or not at all.
     */
    public void claim(TransferId transferId, String requestKey) {
        // Named before, by this request's earlier attempt or by another: isOf tells them apart once the id is found
        // taken. No exception for that: on PostgreSQL it would abort the caller's transaction.
        jdbc.update("INSERT INTO transfer_request_key (transfer_id, request_key, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", transferId.value(), requestKey, Timestamp.from(Instant.now()));
    }

    /** Whether {@code requestKey} was the first to name {@code transferId}. */
    public boolean isOf(TransferId transferId, String requestKey) {
        List<String> keys = jdbc.queryForList("SELECT request_key FROM transfer_request_key WHERE transfer_id = ?",
                String.class, transferId.value());
        return keys.contains(requestKey);
    }
}
