package dev.ledger.query.statement;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.query.EntryType;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes statement entries in one idempotent statement each: an entry whose event was recorded before (a
 * redelivered event) is left as it is. Through Spring Data JPA every entry cost a read to see whether it existed and
 * another inside the merge, which ledger-bench profiled as most of this read model's time. Reads are
 * {@link StatementEntryReader}'s.
 */
@Component
class StatementEntryWriter {

    private final JdbcClient jdbc;

    StatementEntryWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records one entry. {@code balanceAfter} null means the posted balance did not move, as for a hold: the entry
     * then takes the balance of the account's entry before it, which the statement recorded already, since an
     * account's events reach it in order. {@code availableAfter} is null unless the event records it.
     */
    void record(String entryId, AccountId accountId, long sequenceNumber, EntryType type, Money signedAmount,
                Money balanceAfter, Money availableAfter, TransferId transferId, String reference,
                Instant occurredAt) {
        long posted = balanceAfter != null ? balanceAfter.minorUnits() : postedBefore(accountId, sequenceNumber);
        jdbc.sql("""
                        insert into statement_entry (entry_id, account_id, sequence_number, type, amount, currency,
                                                     balance_after, transfer_id, occurred_at, reference, pending,
                                                     available_after)
                        values (:entryId, :accountId, :sequenceNumber, :type, :amount, :currency, :balanceAfter,
                                :transferId, :occurredAt, :reference, :pending, :availableAfter)
                        on conflict do nothing""")
                .param("entryId", entryId)
                .param("accountId", accountId.value())
                .param("sequenceNumber", sequenceNumber)
                .param("type", type.name())
                .param("amount", signedAmount.minorUnits())
                .param("currency", signedAmount.currency().getCurrencyCode())
                .param("balanceAfter", posted)
                .param("transferId", transferId == null ? null : transferId.value())
                .param("occurredAt", occurredAt.atOffset(ZoneOffset.UTC))
                .param("reference", reference)
                .param("pending", type.isPending())
                .param("availableAfter", availableAfter == null ? null : availableAfter.minorUnits())
                .update();
    }

    // The opening records no entry, so an account's first entry starts from nothing.
    private long postedBefore(AccountId accountId, long sequenceNumber) {
        return jdbc.sql("""
                        select balance_after from statement_entry
                        where account_id = :accountId and sequence_number < :sequenceNumber
                        order by sequence_number desc limit 1""")
                .param("accountId", accountId.value())
                .param("sequenceNumber", sequenceNumber)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Forgets every entry, before a rebuild. */
    void deleteAll() {
        jdbc.sql("delete from statement_entry").update();
    }
}
