package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.money.Money;

/**
 * An account as the read model last saw it. It follows the event store eventually; the event store, not
 * this view, is the truth.
 *
 * <p>{@code balance} is the posted balance; {@code pending} the money held for transfers captured later, still in
 * the balance but no longer available; {@code available()} is {@code balance - pending}, what a withdrawal, debit or
 * hold is held to. {@code pending} is never negative and is in the balance's currency.
 */
public record AccountView(AccountId accountId, String owner, Money balance, Money pending, Money overdraftLimit,
                          AccountStatus status) {

    /** An account that holds nothing for any transfer. */
    public AccountView(AccountId accountId, String owner, Money balance, Money overdraftLimit, AccountStatus status) {
        this(accountId, owner, balance, Money.zero(balance.currency()), overdraftLimit, status);
    }

    /** What the account may still pay out of its balance: the posted balance less what is held. */
    public Money available() {
        return balance.minus(pending);
    }
}
