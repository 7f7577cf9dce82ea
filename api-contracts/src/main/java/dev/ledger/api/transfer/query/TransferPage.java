package dev.ledger.api.transfer.query;

import java.util.List;

/**
 * The answer to {@link ListTransfers}: its transfers in listing order and, when more may follow, the position of
 * the last one to continue after ({@code next}, null on the last page). A record rather than a bare {@code List},
 * because a list's elements lose their type on a remote bus.
 */
public record TransferPage(List<TransferView> items, TransferPosition next) {

    public TransferPage {
        items = List.copyOf(items);
    }
}
