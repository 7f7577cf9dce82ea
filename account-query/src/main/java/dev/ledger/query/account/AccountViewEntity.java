package dev.ledger.query.account;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.money.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Currency;

/** An account as its queries read it; {@link AccountViewWriter} writes it. */
@Entity
@Table(name = "account_view")
class AccountViewEntity {

    @Id
    @Column(name = "account_id")
    private String accountId;

    private String owner;

    private String currency;

    private long balance;

    /** Held for transfers captured later: in the balance, not available. */
    private long pending;

    @Column(name = "overdraft_limit")
    private long overdraftLimit;

    @Enumerated(EnumType.STRING)
    private AccountStatus status;

    @Column(name = "opened_at")
    private Instant openedAt;

    /** The aggregate sequence number of the last applied event; redelivered events are at or below it. */
    @Column(name = "last_sequence")
    private long lastSequence;

    protected AccountViewEntity() {
    }

    AccountView toView() {
        Currency unit = Currency.getInstance(currency);
        return new AccountView(new AccountId(accountId), owner, new Money(balance, unit),
                new Money(pending, unit), new Money(overdraftLimit, unit), status);
    }
}
