package dev.ledger.query.transfer;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

@Entity
@Table(name = "transfer_view")
class TransferViewEntity {

    @Id
    @Column(name = "transfer_id")
    private String transferId;

    @Column(name = "source_account_id")
    private String sourceAccountId;

    @Column(name = "destination_account_id")
    private String destinationAccountId;

    private long amount;

    private String currency;

    @Enumerated(EnumType.STRING)
    private TransferStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "failure_code")
    private LedgerErrorCode failureCode;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "correlation_id")
    private String correlationId;

    protected TransferViewEntity() {
    }

    TransferView toView(List<TransferStep> steps) {
        return new TransferView(new TransferId(transferId), new AccountId(sourceAccountId),
                new AccountId(destinationAccountId), new Money(amount, Currency.getInstance(currency)), status,
                failureCode, steps, correlationId);
    }
}
