package dev.ledger.app.account;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import java.util.Currency;

/** The bodies clients send to the account endpoints, as in the REST contract. */
final class AccountRequests {

    /** The largest amount one request may name: far above any real payment, far below overflow. */
    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    private AccountRequests() {
    }

    record OpenAccountRequest(String owner, String currency, Long overdraftLimit, String accountId) {

        AccountId id() {
            return accountId == null ? AccountId.generate() : new AccountId(accountId);
        }

        Currency unit() {
            return Money.currencyOf(currency);
        }

        Money overdraft() {
            long limit = overdraftLimit == null ? 0 : overdraftLimit;
            if (limit < 0 || limit > MAX_AMOUNT) {
                throw new IllegalArgumentException("overdraftLimit must be between 0 and " + MAX_AMOUNT);
            }
            return new Money(limit, unit());
        }
    }

    /**
     * Cash in or out. {@code currency} is optional: the account's own currency is assumed, and a different
     * one is refused with {@code CURRENCY_MISMATCH}.
     */
    record CashRequest(Long amount, String currency, String reference) {

        Money amountIn(Currency accountCurrency) {
            if (amount == null || amount <= 0 || amount > MAX_AMOUNT) {
                throw new IllegalArgumentException("amount must be a whole number of minor units from 1 to "
                        + MAX_AMOUNT);
            }
            if (reference != null && reference.length() > 140) {
                throw new IllegalArgumentException("reference must be at most 140 characters");
            }
            return new Money(amount, currency == null ? accountCurrency : Money.currencyOf(currency));
        }
    }
}
