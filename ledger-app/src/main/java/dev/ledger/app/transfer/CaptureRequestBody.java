package dev.ledger.app.transfer;

import static dev.ledger.app.web.InvalidRequest.bodyField;

import dev.ledger.api.money.Money;
import dev.ledger.app.web.InvalidRequest;

/**
 * The optional body of {@code POST /api/transfers/{id}/capture}: how much of the authorized amount to move. Without
 * a body, or without {@code amount}, all of it moves; with one, its {@code currency} is required too.
 */
record CaptureRequestBody(Long amount, String currency) {

    /** The amount to capture, or {@code null} for all that was authorized. */
    Money toAmount() {
        if (amount == null && currency == null) {
            return null;
        }
        long minorUnits = InvalidRequest.amountField("amount", amount, TransferRequestBody.MAX_AMOUNT);
        return new Money(minorUnits, bodyField("currency", currency, () -> Money.currencyOf(currency)));
    }
}
