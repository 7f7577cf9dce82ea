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
 *
 * <p>Only the balance and what is held are stored; the available balance is their difference. The events of holds
 * record the available balance after them, and the view takes the aggregate's figures rather than working them out.
 */
@Component
class AccountViewWriter {

    private final JdbcClient jdbc;

    AccountViewWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(AccountId accountId, String owner, Money overdraftLimit, Instant openedAt, long sequence) {
        jdbc.sql("""
                        insert into account_view (account_id, owner, currency, balance, pending, overdraft_limit,
                                                  status, opened_at, last_sequence)
                        values (:accountId, :owner, :currency, 0, 0, :overdraftLimit, :status, :openedAt,
                                :sequence)
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

    /**
     * A hold placed or released: the posted balance stays, and what is held is what the balance has beyond the
     * available balance the event records.
     */
    void available(AccountId accountId, long sequence, Money availableAfter) {
        change(accountId, sequence, "pending = balance - :value", availableAfter.minorUnits());
    }

    /** A hold captured: posted as a debit, and what is still held is what the new balance has beyond the available. */
    void balanceAndAvailable(AccountId accountId, long sequence, Money balanceAfter, Money availableAfter) {
        change(accountId, sequence, "balance = :value, pending = :value - :available", balanceAfter.minorUnits(),
                availableAfter.minorUnits());
    }

    void status(AccountId accountId, long sequence, AccountStatus status) {
        change(accountId, sequence, "status = :value", status.name());
    }

    private void change(AccountId accountId, long sequence, String assignment, Object value) {
        change(accountId, sequence, assignment, value, null);
    }

    private void change(AccountId accountId, long sequence, String assignment, Object value, Long available) {
        JdbcClient.StatementSpec update = jdbc.sql("update account_view set " + assignment
                        + ", last_sequence = :sequence where account_id = :accountId and last_sequence < :sequence");
        if (available != null) {
            update = update.param("available", available);
        }
        int changed = update.param("value", value)
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
