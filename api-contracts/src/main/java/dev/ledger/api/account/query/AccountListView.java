package dev.ledger.api.account.query;

import java.util.List;

/**
 * The answer to {@link ListAccountsByOwner}: the owner's accounts, oldest first. A record rather than a bare
 * {@code List}, because a list's elements lose their type on a remote bus and come back as maps.
 */
public record AccountListView(List<AccountView> accounts) {

    public AccountListView {
        accounts = List.copyOf(accounts);
    }
}
