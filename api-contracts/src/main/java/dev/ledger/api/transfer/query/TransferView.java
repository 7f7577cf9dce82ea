package dev.ledger.api.transfer.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import java.util.List;

/**
 * A transfer as the read model last saw it: its status, the reason it failed or was refunded (null
 * otherwise), and its steps, oldest first.
 */
public record TransferView(
        TransferId transferId,
        AccountId sourceAccountId,
        AccountId destinationAccountId,
        Money amount,
        TransferStatus status,
        LedgerErrorCode failureCode,
        List<TransferStep> steps) {

    public TransferView {
        steps = List.copyOf(steps);
    }
}
