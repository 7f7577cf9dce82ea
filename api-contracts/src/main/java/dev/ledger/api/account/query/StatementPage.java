package dev.ledger.api.account.query;

import java.util.List;

/** One page of a statement, newest entry first. */
public record StatementPage(List<StatementEntryView> content, int page, int size, long totalElements) {

    public StatementPage {
        content = List.copyOf(content);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
    }
}
