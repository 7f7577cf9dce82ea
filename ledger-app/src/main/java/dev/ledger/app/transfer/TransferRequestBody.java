package dev.ledger.app.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;

/** The body of {@code POST /api/transfers}, as in the REST contract. */
record TransferRequestBody(String sourceAccountId, String destinationAccountId, Long amount, String currency,
                           String reference, String transferId) {

    static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    /** {@code unnamed} is the id of a transfer whose body names none. The command holds the reference's rule. */
    RequestTransfer toCommand(Requester requester, TransferId unnamed) {
        if (amount == null || amount <= 0 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be a whole number of minor units from 1 to " + MAX_AMOUNT);
        }
        return new RequestTransfer(transferId == null ? unnamed : new TransferId(transferId),
                new AccountId(sourceAccountId), new AccountId(destinationAccountId), Money.of(amount, currency),
                reference, requester);
    }
}
