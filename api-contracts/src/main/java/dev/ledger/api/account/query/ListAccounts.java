package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountStatus;
import java.util.Currency;

/**
 * Asks for one page of accounts in the order of their ids, ascending, which is total and never changes; answered
 * with an {@link AccountPage}. Every filter is optional (null):
 *
 * @param owner    the owner whose accounts these are
 * @param status   the account's current status
 * @param currency the account's currency
 * @param after    the last account of the previous page; the page starts right after it
 * @param limit    at most this many accounts, from 1
 */
public record ListAccounts(String owner, AccountStatus status, Currency currency, AccountId after, int limit) {

    public ListAccounts {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }
}
