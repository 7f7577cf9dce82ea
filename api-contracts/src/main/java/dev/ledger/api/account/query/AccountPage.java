package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import java.util.List;

/**
 * The answer to {@link ListAccounts}: its accounts in id order and, when more may follow, the id of the last one to
 * continue after ({@code next}, null on the last page). A record, as a bare {@code List} cannot cross a remote bus.
 */
public record AccountPage(List<AccountView> items, AccountId next) {

    public AccountPage {
        items = List.copyOf(items);
    }
}
