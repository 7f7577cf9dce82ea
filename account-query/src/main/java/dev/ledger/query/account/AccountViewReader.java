package dev.ledger.query.account;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.query.AccountPage;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.ListAccounts;
import dev.ledger.api.money.Money;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account listing, by keyset on the primary key: a page starts after the last id of the one before, so it costs
 * the same however deep it is and an account opened meanwhile never shifts a later page. One row more than the
 * limit is read to tell whether another page follows.
 */
@Component
class AccountViewReader {

    private final JdbcClient jdbc;

    AccountViewReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AccountPage list(ListAccounts query) {
        StringBuilder sql = new StringBuilder("""
                select account_id, owner, currency, balance, pending, overdraft_limit, status from account_view
                where 1 = 1""");
        Map<String, Object> params = new HashMap<>();
        if (query.owner() != null) {
            sql.append(" and owner = :owner");
            params.put("owner", query.owner());
        }
        if (query.status() != null) {
            sql.append(" and status = :status");
            params.put("status", query.status().name());
        }
        if (query.currency() != null) {
            sql.append(" and currency = :currency");
            params.put("currency", query.currency().getCurrencyCode());
        }
        if (query.after() != null) {
            sql.append(" and account_id > :after");
            params.put("after", query.after().value());
        }
        sql.append(" order by account_id limit :limit");
        params.put("limit", query.limit() + 1);
        List<AccountView> rows = jdbc.sql(sql.toString()).params(params)
                .query((row, index) -> {
                    Currency unit = Currency.getInstance(row.getString("currency"));
                    return new AccountView(new AccountId(row.getString("account_id")), row.getString("owner"),
                            new Money(row.getLong("balance"), unit), new Money(row.getLong("pending"), unit),
                            new Money(row.getLong("overdraft_limit"), unit),
                            AccountStatus.valueOf(row.getString("status")));
                })
                .list();
        List<AccountView> items = rows.subList(0, Math.min(rows.size(), query.limit()));
        return new AccountPage(items, rows.size() > query.limit() ? items.get(items.size() - 1).accountId() : null);
    }
}
