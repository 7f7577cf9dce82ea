package dev.ledger.query.transfer;

import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.ListTransfers;
import dev.ledger.api.transfer.query.TransferPage;
import dev.ledger.api.transfer.query.TransferPosition;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transfer read model's reads. A transfer and its timeline come back in one statement: every waiting client
 * reads its transfer twice (when it subscribes, and when the transfer ends), and through JPA that was two queries
 * in a transaction of their own, which ledger-bench profiled as most of this read model's remaining time.
 */
@Component
class TransferViewReader {

    /** The order in which the saga causes a transfer's events. */
    private static final List<String> CAUSAL_ORDER = Stream.of(TransferRequested.class,
                    AccountDebited.class, AccountDebitRejected.class,
                    AccountCredited.class, AccountCreditRejected.class,
                    AccountDebitRefunded.class, AccountRefundRejected.class,
                    TransferCompleted.class, TransferFailed.class, TransferRefunded.class,
                    TransferFlaggedForReview.class)
            .map(Class::getSimpleName)
            .toList();

    /**
     * The timeline: steps in time, and steps of the same millisecond (the event store keeps timestamps to the
     * millisecond) in the order the saga causes them. On one node the saga runs a transfer in one transaction, so
     * all its steps after the request usually share a millisecond.
     */
    private static final Comparator<TransferStep> TIMELINE = Comparator.comparing(TransferStep::at)
            .thenComparingInt(step -> CAUSAL_ORDER.indexOf(step.name()));

    private final JdbcClient jdbc;

    TransferViewReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The transfer with its timeline. */
    Optional<TransferView> find(String transferId) {
        return jdbc.sql("""
                        select v.transfer_id, v.source_account_id, v.destination_account_id, v.amount, v.currency,
                               v.status, v.failure_code, v.correlation_id, v.requested_at, v.reference, v.capture,
                               v.expires_at, v.captured_amount, s.name,
                               s.occurred_at, s.correlation_id as step_correlation_id, s.causation_id
                        from transfer_view v left join transfer_step s on s.transfer_id = v.transfer_id
                        where v.transfer_id = :transferId""")
                .param("transferId", transferId)
                .query(rows -> {
                    Function<List<TransferStep>, TransferView> transfer = null;
                    List<TransferStep> steps = new ArrayList<>();
                    while (rows.next()) {
                        if (transfer == null) {
                            transfer = transfer(rows);
                        }
                        String step = rows.getString("name"); // null for a transfer without steps (left join)
                        if (step != null) {
                            steps.add(step(rows));
                        }
                    }
                    return transfer == null ? Optional.<TransferView>empty() : Optional.of(transfer.apply(
                            steps.stream().sorted(TIMELINE).toList()));
                });
    }

    /**
     * One page of the listing, by keyset: the rows after {@code query.after()} in the listing order, so a page
     * costs the same however deep it is, and a transfer requested meanwhile never shifts a later page. One row
     * more than the limit is read to tell whether another page follows. The timelines of the page come in one
     * further statement.
     */
    TransferPage list(ListTransfers query) {
        if (query.touching() != null && query.touching().isEmpty()) {
            return new TransferPage(List.of(), null);
        }
        StringBuilder sql = new StringBuilder("""
                select transfer_id, source_account_id, destination_account_id, amount, currency, status,
                       failure_code, correlation_id, requested_at, reference, capture, expires_at, captured_amount
                from transfer_view where 1 = 1""");
        Map<String, Object> params = new HashMap<>();
        if (query.accountId() != null) {
            sql.append(" and (source_account_id = :accountId or destination_account_id = :accountId)");
            params.put("accountId", query.accountId().value());
        }
        if (query.touching() != null) {
            sql.append(" and (source_account_id in (:touching) or destination_account_id in (:touching))");
            params.put("touching", query.touching().stream().map(AccountId::value).toList());
        }
        if (query.status() != null) {
            sql.append(" and status = :status");
            params.put("status", query.status().name());
        }
        if (query.from() != null) {
            sql.append(" and requested_at >= :from");
            params.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and requested_at < :to");
            params.put("to", utc(query.to()));
        }
        if (query.after() != null) {
            sql.append(" and (requested_at < :afterAt or (requested_at = :afterAt and transfer_id < :afterId))");
            params.put("afterAt", utc(query.after().requestedAt()));
            params.put("afterId", query.after().transferId().value());
        }
        sql.append(" order by requested_at desc, transfer_id desc limit :limit");
        params.put("limit", query.limit() + 1);
        List<Function<List<TransferStep>, TransferView>> rows = jdbc.sql(sql.toString()).params(params)
                .query((row, index) -> transfer(row))
                .list();
        List<TransferView> bare = rows.stream().limit(query.limit()).map(transfer -> transfer.apply(List.of()))
                .toList();
        Map<String, List<TransferStep>> timelines = timelines(bare.stream()
                .map(view -> view.transferId().value()).toList());
        List<TransferView> items = new ArrayList<>(bare.size());
        for (int index = 0; index < bare.size(); index++) {
            items.add(rows.get(index).apply(timelines.getOrDefault(bare.get(index).transferId().value(), List.of())));
        }
        TransferView last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new TransferPage(items, rows.size() > query.limit()
                ? new TransferPosition(last.requestedAt(), last.transferId()) : null);
    }

    private Map<String, List<TransferStep>> timelines(List<String> transferIds) {
        if (transferIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<TransferStep>> timelines = new HashMap<>();
        jdbc.sql("""
                        select transfer_id, name, occurred_at, correlation_id as step_correlation_id, causation_id
                        from transfer_step where transfer_id in (:ids)""")
                .param("ids", transferIds)
                .query((row, index) -> timelines.computeIfAbsent(row.getString("transfer_id"), id -> new ArrayList<>())
                        .add(step(row)))
                .list();
        timelines.replaceAll((id, steps) -> steps.stream().sorted(TIMELINE).toList());
        return timelines;
    }

    Map<TransferStatus, Long> countByStatus() {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        jdbc.sql("select status, count(*) from transfer_view group by status")
                .query((row, index) -> counts.put(TransferStatus.valueOf(row.getString(1)), row.getLong(2)))
                .list();
        return counts;
    }

    /** The transfer's own columns, which every row repeats, waiting for its steps. */
    private static Function<List<TransferStep>, TransferView> transfer(ResultSet row) throws SQLException {
        TransferId transferId = new TransferId(row.getString("transfer_id"));
        AccountId source = new AccountId(row.getString("source_account_id"));
        AccountId destination = new AccountId(row.getString("destination_account_id"));
        Money amount = new Money(row.getLong("amount"), Currency.getInstance(row.getString("currency")));
        TransferStatus status = TransferStatus.valueOf(row.getString("status"));
        String failureCode = row.getString("failure_code");
        LedgerErrorCode reason = failureCode == null ? null : LedgerErrorCode.valueOf(failureCode);
        String correlationId = row.getString("correlation_id");
        Instant requestedAt = instant(row, "requested_at");
        String reference = row.getString("reference");
        CaptureMode capture = CaptureMode.valueOf(row.getString("capture"));
        Instant expiresAt = row.getObject("expires_at") == null ? null : instant(row, "expires_at");
        long captured = row.getLong("captured_amount");
        Money capturedAmount = row.wasNull() ? null : new Money(captured, amount.currency());
        return steps -> new TransferView(transferId, source, destination, amount, status, reason, steps,
                correlationId, requestedAt, reference, capture, expiresAt, capturedAmount);
    }

    private static TransferStep step(ResultSet row) throws SQLException {
        return new TransferStep(row.getString("name"), instant(row, "occurred_at"),
                row.getString("step_correlation_id"), row.getString("causation_id"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
