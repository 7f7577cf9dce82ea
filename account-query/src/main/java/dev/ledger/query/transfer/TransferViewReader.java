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
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
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
                        select v.source_account_id, v.destination_account_id, v.amount, v.currency, v.status,
                               v.failure_code, v.correlation_id, s.name, s.occurred_at,
                               s.correlation_id as step_correlation_id, s.causation_id
                        from transfer_view v left join transfer_step s on s.transfer_id = v.transfer_id
                        where v.transfer_id = :transferId""")
                .param("transferId", transferId)
                .query(rows -> {
                    Function<List<TransferStep>, TransferView> transfer = null;
                    List<TransferStep> steps = new ArrayList<>();
                    while (rows.next()) {
                        if (transfer == null) {
                            transfer = transfer(transferId, rows);
                        }
                        String step = rows.getString("name"); // null for a transfer without steps (left join)
                        if (step != null) {
                            steps.add(new TransferStep(step, instant(rows, "occurred_at"),
                                    rows.getString("step_correlation_id"), rows.getString("causation_id")));
                        }
                    }
                    return transfer == null ? Optional.<TransferView>empty() : Optional.of(transfer.apply(
                            steps.stream().sorted(TIMELINE).toList()));
                });
    }

    Map<TransferStatus, Long> countByStatus() {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        jdbc.sql("select status, count(*) from transfer_view group by status")
                .query((row, index) -> counts.put(TransferStatus.valueOf(row.getString(1)), row.getLong(2)))
                .list();
        return counts;
    }

    /** The transfer's own columns, which every row repeats, waiting for its steps. */
    private static Function<List<TransferStep>, TransferView> transfer(String transferId, ResultSet row)
            throws SQLException {
        AccountId source = new AccountId(row.getString("source_account_id"));
        AccountId destination = new AccountId(row.getString("destination_account_id"));
        Money amount = new Money(row.getLong("amount"), Currency.getInstance(row.getString("currency")));
        TransferStatus status = TransferStatus.valueOf(row.getString("status"));
        String failureCode = row.getString("failure_code");
        LedgerErrorCode reason = failureCode == null ? null : LedgerErrorCode.valueOf(failureCode);
        String correlationId = row.getString("correlation_id");
        return steps -> new TransferView(new TransferId(transferId), source, destination, amount, status, reason,
                steps, correlationId);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
