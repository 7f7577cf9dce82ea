package dev.ledger.query.statement;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.query.EntryType;
import dev.ledger.api.account.query.ListStatementEntries;
import dev.ledger.api.account.query.StatementEntryView;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
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
                   e.transfer_id, e.occurred_at, coalesce(e.reference, t.reference) as reference
            from statement_entry e left join transfer_view t on t.transfer_id = e.transfer_id
            where e.account_id = :accountId""";

    private final JdbcClient jdbc;

    StatementEntryReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    StatementPage page(ListStatementEntries query) {
        String accountId = query.accountId().value();
        List<StatementEntryView> content = jdbc.sql(ENTRY + " order by e.sequence_number desc limit :size offset :skip")
                .param("accountId", accountId)
                .param("size", query.size())
                .param("skip", (long) query.page() * query.size())
                .query((row, index) -> entry(row))
                .list();
        long total = jdbc.sql("select count(*) from statement_entry where account_id = :accountId")
                .param("accountId", accountId)
                .query(Long.class)
                .single();
        return new StatementPage(content, query.page(), query.size(), total);
    }

    private static StatementEntryView entry(ResultSet row) throws SQLException {
        Currency unit = Currency.getInstance(row.getString("currency"));
        String transferId = row.getString("transfer_id");
        return new StatementEntryView(row.getString("entry_id"), new AccountId(row.getString("account_id")),
                EntryType.valueOf(row.getString("type")), new Money(row.getLong("amount"), unit),
                new Money(row.getLong("balance_after"), unit), transferId == null ? null : new TransferId(transferId),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(), row.getLong("sequence_number"),
                row.getString("reference"));
    }
}
