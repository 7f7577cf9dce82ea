package dev.ledger.api.transfer.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import java.time.Instant;
import java.util.List;

/**
 * A transfer as the read model last saw it: its status, the reason it failed or was refunded (null
 * otherwise), its steps, oldest first, the id of the request that started it ({@code correlationId}, null
 * for transfers requested before it was recorded), when it was requested ({@code requestedAt}, the order of
 * listings; null only where a view is built before the request is stored) and the client's {@code reference}
 * (null when it gave none, or for views built before references were kept). A {@code MANUAL} transfer has its
 * {@code expiresAt}, and once captured the {@code captured} amount, at most its {@code amount}; both are null for one
 * that moves at once.
 */
public record TransferView(
        TransferId transferId,
        AccountId sourceAccountId,
        AccountId destinationAccountId,
        Money amount,
        TransferStatus status,
        LedgerErrorCode failureCode,
        List<TransferStep> steps,
        String correlationId,
        Instant requestedAt,
        String reference,
        CaptureMode capture,
        Instant expiresAt,
        Money captured) {

    public TransferView {
        steps = List.copyOf(steps);
    }

    /** A view of a transfer that moves at once. */
    public TransferView(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId,
                        Money amount, TransferStatus status, LedgerErrorCode failureCode, List<TransferStep> steps,
                        String correlationId, Instant requestedAt, String reference) {
        this(transferId, sourceAccountId, destinationAccountId, amount, status, failureCode, steps, correlationId,
                requestedAt, reference, CaptureMode.AUTOMATIC, null, null);
    }

    /** A view without its request time and reference. */
    public TransferView(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId,
                        Money amount, TransferStatus status, LedgerErrorCode failureCode, List<TransferStep> steps,
                        String correlationId) {
        this(transferId, sourceAccountId, destinationAccountId, amount, status, failureCode, steps, correlationId,
                null, null);
    }

    /** A view without a correlation id. */
    public TransferView(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId,
                        Money amount, TransferStatus status, LedgerErrorCode failureCode, List<TransferStep> steps) {
        this(transferId, sourceAccountId, destinationAccountId, amount, status, failureCode, steps, null);
    }
}
