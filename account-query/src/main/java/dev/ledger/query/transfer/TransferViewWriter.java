package dev.ledger.query.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transfer read model's writes, one SQL statement each, every one idempotent so that a redelivered event
 * changes nothing. These run for every event of every transfer; through Spring Data JPA they cost a read before
 * each insert (to tell it from a merge) and the repository's per-call machinery, which ledger-bench profiled as
 * most of the read model's time. Reads are {@link TransferViewReader}'s.
 */
@Component
class TransferViewWriter {

    /** For each status, the statuses a transfer may move to it from; computed once, as every step asks. */
    private static final Map<TransferStatus, List<String>> STATUSES_BEFORE = statusesBefore();

    private final JdbcClient jdbc;

    TransferViewWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void recordRequest(String transferId, String sourceAccountId, String destinationAccountId, Money amount,
                       String reference, Instant requestedAt, String correlationId, CaptureMode capture,
                       Instant expiresAt) {
        jdbc.sql("""
                        insert into transfer_view (transfer_id, source_account_id, destination_account_id, amount,
                                                   currency, status, requested_at, correlation_id, reference,
                                                   capture, expires_at)
                        values (:transferId, :source, :destination, :amount, :currency, :status, :requestedAt,
                                :correlationId, :reference, :capture, :expiresAt)
                        on conflict do nothing""")
                .param("capture", capture.name())
                .param("expiresAt", expiresAt == null ? null : utc(expiresAt))
                .param("transferId", transferId)
                .param("source", sourceAccountId)
                .param("destination", destinationAccountId)
                .param("amount", amount.minorUnits())
                .param("currency", amount.currency().getCurrencyCode())
                .param("status", TransferStatus.REQUESTED.name())
                .param("requestedAt", utc(requestedAt))
                .param("correlationId", correlationId)
                .param("reference", reference)
                .update();
    }

    void recordStep(String eventId, String transferId, String name, Instant occurredAt, String correlationId,
                    String causationId) {
        jdbc.sql("""
                        insert into transfer_step (event_id, transfer_id, name, occurred_at, correlation_id,
                                                   causation_id)
                        values (:eventId, :transferId, :name, :occurredAt, :correlationId, :causationId)
                        on conflict do nothing""")
                .param("eventId", eventId)
                .param("transferId", transferId)
                .param("name", name)
                .param("occurredAt", utc(occurredAt))
                .param("correlationId", correlationId)
                .param("causationId", causationId)
                .update();
    }

    /**
     * Moves the status forward only. Events of one transfer come from several aggregates, and a replayed or
     * redelivered in-flight event must never pull a terminal transfer back.
     */
    void advance(String transferId, TransferStatus next, LedgerErrorCode reason) {
        List<String> earlier = STATUSES_BEFORE.get(next);
        if (earlier.isEmpty()) {
            return; // the first status, which the request recorded
        }
        jdbc.sql("""
                        update transfer_view set status = :next, failure_code = coalesce(:reason, failure_code)
                        where transfer_id = :transferId and status in (:earlier)""")
                .param("next", next.name())
                .param("reason", reason == null ? null : reason.name())
                .param("transferId", transferId)
                .param("earlier", earlier)
                .update();
    }

    /**
     * An admin resolved the transfer in review: its failure code is cleared and, for a refund or retry, it is in
     * flight again at {@code next}, the one move back the status makes. Only a transfer still in review moves.
     */
    void reopen(String transferId, TransferStatus next) {
        jdbc.sql("""
                        update transfer_view set status = :next, failure_code = null
                        where transfer_id = :transferId and status = 'MANUAL_REVIEW'""")
                .param("next", next.name())
                .param("transferId", transferId)
                .update();
    }

    /** Records how much of an authorized transfer is captured; the same amount again changes nothing. */
    void recordCapture(String transferId, Money captured) {
        jdbc.sql("update transfer_view set captured_amount = :captured where transfer_id = :transferId")
                .param("captured", captured.minorUnits())
                .param("transferId", transferId)
                .update();
    }

    /** Forgets every transfer, before a rebuild. */
    void deleteAll() {
        jdbc.sql("delete from transfer_step").update();
        jdbc.sql("delete from transfer_view").update();
    }

    private static Map<TransferStatus, List<String>> statusesBefore() {
        Map<TransferStatus, List<String>> before = new EnumMap<>(TransferStatus.class);
        for (TransferStatus next : TransferStatus.values()) {
            before.put(next, Arrays.stream(TransferStatus.values())
                    .filter(status -> rank(status) < rank(next))
                    .map(TransferStatus::name)
                    .toList());
        }
        return before;
    }

    private static int rank(TransferStatus status) {
        return switch (status) {
            case REQUESTED -> 0;
            case AUTHORIZED -> 1;
            case DEBITED -> 2;
            case REFUNDING -> 3;
            // Stopped, not ended: a resolution ends it, or sets it in flight again (reopen).
            case MANUAL_REVIEW -> 4;
            case COMPLETED, FAILED, REFUNDED, VOIDED, EXPIRED -> 5;
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
