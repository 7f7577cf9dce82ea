package dev.ledger.app.transfer;

import dev.ledger.api.transfer.query.TransferPage;
import java.util.List;

/**
 * One page of {@code GET /api/transfers}: the transfers, newest first, and the cursor of the next page, null (and
 * shown as null) on the last one.
 */
record TransferListResponse(List<TransferResponse> items, String nextCursor) {

    static TransferListResponse of(TransferPage page) {
        return new TransferListResponse(page.items().stream().map(TransferResponse::of).toList(),
                TransferCursor.next(page));
    }
}
