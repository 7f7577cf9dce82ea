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

    void record(String entryId, AccountId accountId, long sequenceNumber, EntryType type, Money signedAmount,
                Money balanceAfter, TransferId transferId, String reference, Instant occurredAt) {
        jdbc.sql("""
                        insert into statement_entry (entry_id, account_id, sequence_number, type, amount, currency,
                                                     balance_after, transfer_id, occurred_at, reference)
                        values (:entryId, :accountId, :sequenceNumber, :type, :amount, :currency, :balanceAfter,
                                :transferId, :occurredAt, :reference)
                        on conflict do nothing""")
                .param("entryId", entryId)
                .param("accountId", accountId.value())
                .param("sequenceNumber", sequenceNumber)
                .param("type", type.name())
                .param("amount", signedAmount.minorUnits())
                .param("currency", signedAmount.currency().getCurrencyCode())
                .param("balanceAfter", balanceAfter.minorUnits())
                .param("transferId", transferId == null ? null : transferId.value())
                .param("occurredAt", occurredAt.atOffset(ZoneOffset.UTC))
                .param("reference", reference)
                .update();
    }

    /** Forgets every entry, before a rebuild. */
    void deleteAll() {
        jdbc.sql("delete from statement_entry").update();
    }
}
