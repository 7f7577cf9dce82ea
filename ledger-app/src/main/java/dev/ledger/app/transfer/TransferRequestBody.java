package dev.ledger.app.transfer;

import static dev.ledger.app.web.InvalidRequest.bodyField;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.app.web.InvalidRequest;

/** The body of {@code POST /api/transfers}, as in the REST contract. */
record TransferRequestBody(String sourceAccountId, String destinationAccountId, Long amount, String currency,
                           String reference, String transferId) {

    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    /** {@code unnamed} is the id of a transfer whose body names none. The command holds the reference's rule. */
    RequestTransfer toCommand(Requester requester, TransferId unnamed) {
        long minorUnits = InvalidRequest.amountField("amount", amount, MAX_AMOUNT);
        InvalidRequest.referenceField("reference", reference);
        return new RequestTransfer(
                transferId == null ? unnamed : bodyField("transferId", transferId, () -> new TransferId(transferId)),
                bodyField("sourceAccountId", sourceAccountId, () -> new AccountId(sourceAccountId)),
                bodyField("destinationAccountId", destinationAccountId, () -> new AccountId(destinationAccountId)),
                new Money(minorUnits, bodyField("currency", currency, () -> Money.currencyOf(currency))),
                reference, requester);
    }
}
