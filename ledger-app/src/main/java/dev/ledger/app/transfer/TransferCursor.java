package dev.ledger.app.transfer;

import static dev.ledger.app.web.InvalidRequest.queryParameter;

import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.query.TransferPage;
import dev.ledger.api.transfer.query.TransferPosition;
import dev.ledger.app.web.Cursor;
import java.util.List;

/**
 * The cursor of every listing of transfers, newest first ({@code GET /api/transfers}, the manual-review queue): a
 * transfer's position, its request time and id.
 */
public final class TransferCursor {

    private TransferCursor() {
    }

    /** The position a page starts after, or null for the first page; a cursor not of this shape is refused. */
    public static TransferPosition after(String cursor) {
        List<String> parts = Cursor.parts(cursor, 2);
        return parts == null ? null : new TransferPosition(Cursor.instant(parts.get(0)),
                queryParameter("cursor", () -> new TransferId(parts.get(1))));
    }

    /** The cursor of the page after {@code page}, or null when it is the last. */
    public static String next(TransferPage page) {
        return page.next() == null ? null : Cursor.of(page.next().requestedAt(), page.next().transferId());
    }
}
