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

@Entity
@Table(name = "account_view")
class AccountViewEntity {

    @Id
    @Column(name = "account_id")
    private String accountId;

    private String owner;

    private String currency;

    private long balance;

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

    AccountViewEntity(String accountId, String owner, Money overdraftLimit, Instant openedAt, long sequence) {
        this.accountId = accountId;
        this.owner = owner;
        this.currency = overdraftLimit.currency().getCurrencyCode();
        this.overdraftLimit = overdraftLimit.minorUnits();
        this.status = AccountStatus.OPEN;
        this.openedAt = openedAt;
        this.lastSequence = sequence;
    }

    boolean alreadyApplied(long sequence) {
        return sequence <= lastSequence;
    }

    void applied(long sequence) {
        this.lastSequence = sequence;
    }

    void balance(Money balanceAfter) {
        this.balance = balanceAfter.minorUnits();
    }

    void status(AccountStatus status) {
        this.status = status;
    }

    AccountView toView() {
        Currency unit = Currency.getInstance(currency);
        return new AccountView(new AccountId(accountId), owner, new Money(balance, unit),
                new Money(overdraftLimit, unit), status);
    }
}
