package dev.ledger.query.statement;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.query.EntryType;
import dev.ledger.api.account.query.StatementEntryView;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Currency;

@Entity
@Table(name = "statement_entry")
class StatementEntryEntity {

    /** The identifier of the event that recorded the movement, so a redelivered event maps to the same row. */
    @Id
    @Column(name = "entry_id")
    private String entryId;

    @Column(name = "account_id")
    private String accountId;

    @Column(name = "sequence_number")
    private long sequenceNumber;

    @Enumerated(EnumType.STRING)
    private EntryType type;

    private long amount;

    private String currency;

    @Column(name = "balance_after")
    private long balanceAfter;

    @Column(name = "transfer_id")
    private String transferId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected StatementEntryEntity() {
    }

    StatementEntryView toView() {
        Currency unit = Currency.getInstance(currency);
        return new StatementEntryView(entryId, new AccountId(accountId), type, new Money(amount, unit),
                new Money(balanceAfter, unit), transferId == null ? null : new TransferId(transferId), occurredAt);
    }
}
