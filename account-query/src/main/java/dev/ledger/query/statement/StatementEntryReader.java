package dev.ledger.query.statement;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.query.EntryType;
import dev.ledger.api.account.query.ListStatementEntries;
import dev.ledger.api.account.query.ListStatementSlice;
import dev.ledger.api.account.query.StatementEntryView;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.account.query.StatementSlice;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statement's reads, newest entry first. A transfer leg's reference is the transfer's, which its leg events
 * do not carry: it is read from the transfer view as the statement is read, so it shows as soon as either read
 * model has it, whichever processes its events first.
 */
@Component
class StatementEntryReader {

    private static final String ENTRY = """
            select e.entry_id, e.account_id, e.sequence_number, e.type, e.amount, e.currency, e.balance_after,
                   e.transfer_id, e.occurred_at, coalesce(e.reference, t.reference) as reference, e.pending,
                   e.available_after
            from statement_entry e left join transfer_view t on t.transfer_id = e.transfer_id
            where e.account_id = :accountId""";

    private final JdbcClient jdbc;

    StatementEntryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    StatementPage page(ListStatementEntries query) {
        Map<String, Object> params = new HashMap<>();
        String within = within(query.accountId(), query.from(), query.to(), query.includePending(), params);
        List<StatementEntryView> content = jdbc.sql(ENTRY + within
                        + " order by e.sequence_number desc limit :size offset :skip")
                .params(params)
                .param("size", query.size())
                .param("skip", (long) query.page() * query.size())
                .query((row, index) -> entry(row))
                .list();
        long total = jdbc.sql("select count(*) from statement_entry e where e.account_id = :accountId" + within)
                .params(params)
                .query(Long.class)
                .single();
        return new StatementPage(content, query.page(), query.size(), total);
    }

    /**
     * One page by keyset on the entries' sequence numbers, which the unique key on (account, sequence) indexes: a
     * page costs the same however deep it is, and an entry recorded meanwhile never shifts a later page. One row more
     * than the limit is read to tell whether another page follows.
     */
    StatementSlice slice(ListStatementSlice query) {
        Map<String, Object> params = new HashMap<>();
        String within = within(query.accountId(), query.from(), query.to(), query.includePending(), params);
        if (query.before() != null) {
            within += " and e.sequence_number < :before";
            params.put("before", query.before());
        }
        List<StatementEntryView> rows = jdbc.sql(ENTRY + within + " order by e.sequence_number desc limit :limit")
                .params(params)
                .param("limit", query.limit() + 1)
                .query((row, index) -> entry(row))
                .list();
        List<StatementEntryView> items = rows.subList(0, Math.min(rows.size(), query.limit()));
        return new StatementSlice(items, rows.size() > query.limit()
                ? items.get(items.size() - 1).sequenceNumber() : null);
    }

    /**
     * The account, time and pending conditions after the base statement's, with their parameters put in
     * {@code params}. Without pending entries a statement is what it was before holds: posted entries only.
     */
    private static String within(AccountId accountId, Instant from, Instant to, boolean includePending,
                                 Map<String, Object> params) {
        params.put("accountId", accountId.value());
        StringBuilder conditions = new StringBuilder(includePending ? "" : " and e.pending = false");
        if (from != null) {
            conditions.append(" and e.occurred_at >= :from");
            params.put("from", from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.append(" and e.occurred_at < :to");
            params.put("to", to.atOffset(ZoneOffset.UTC));
        }
        return conditions.toString();
    }

    private static StatementEntryView entry(ResultSet row) throws SQLException {
        Currency unit = Currency.getInstance(row.getString("currency"));
        String transferId = row.getString("transfer_id");
        long available = row.getLong("available_after");
        Money availableAfter = row.wasNull() ? null : new Money(available, unit);
        return new StatementEntryView(row.getString("entry_id"), new AccountId(row.getString("account_id")),
                EntryType.valueOf(row.getString("type")), new Money(row.getLong("amount"), unit),
                new Money(row.getLong("balance_after"), unit), transferId == null ? null : new TransferId(transferId),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getLong("sequence_number"),
                row.getString("reference"), row.getBoolean("pending"), availableAfter);
    }
}
