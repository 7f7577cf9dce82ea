package dev.ledger.query.account;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.money.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The account read model's writes, one SQL statement each. A change applies only to a view that has not seen the
 * event's sequence number yet, so a redelivered or replayed event changes nothing. Through Spring Data JPA every
 * change cost a read, a dirty check and an update, which ledger-bench profiled as most of this read model's
 * time; reads stay with the JPA repository.
 */
@Component
class AccountViewWriter {

    private final JdbcClient jdbc;

    AccountViewWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(AccountId accountId, String owner, Money overdraftLimit, Instant openedAt, long sequence) {
        jdbc.sql("""
                        insert into account_view (account_id, owner, currency, balance, overdraft_limit, status,
                                                  opened_at, last_sequence)
                        values (:accountId, :owner, :currency, 0, :overdraftLimit, :status, :openedAt, :sequence)
                        on conflict do nothing""")
                .param("accountId", accountId.value())
                .param("owner", owner)
                .param("currency", overdraftLimit.currency().getCurrencyCode())
                .param("overdraftLimit", overdraftLimit.minorUnits())
                .param("status", AccountStatus.OPEN.name())
                .param("openedAt", openedAt.atOffset(ZoneOffset.UTC))
                .param("sequence", sequence)
                .update();
    }

    void balance(AccountId accountId, long sequence, Money balanceAfter) {
        change(accountId, sequence, "balance = :value", balanceAfter.minorUnits());
    }

    void status(AccountId accountId, long sequence, AccountStatus status) {
        change(accountId, sequence, "status = :value", status.name());
    }

    private void change(AccountId accountId, long sequence, String assignment, Object value) {
        int changed = jdbc.sql("update account_view set " + assignment + ", last_sequence = :sequence"
                        + " where account_id = :accountId and last_sequence < :sequence")
                .param("value", value)
                .param("sequence", sequence)
                .param("accountId", accountId.value())
                .update();
        if (changed == 0 && jdbc.sql("select count(*) from account_view where account_id = :accountId")
                .param("accountId", accountId.value()).query(Long.class).single() == 0) {
            // Never skipped silently: a balance applied to no account would hide a gap in the read model.
            throw new IllegalStateException("No account view for " + accountId
                    + ": its AccountOpened event was not applied");
        }
    }
}
