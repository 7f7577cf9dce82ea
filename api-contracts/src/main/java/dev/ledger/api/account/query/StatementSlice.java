package dev.ledger.api.account.query;

import java.util.List;

/**
 * The answer to {@link ListStatementSlice}: its entries, newest first, and, when more may follow, the sequence
 * number of the last one to continue before ({@code next}, null on the last page).
 */
public record StatementSlice(List<StatementEntryView> items, Long next) {

    public StatementSlice {
        items = List.copyOf(items);
    }
}
