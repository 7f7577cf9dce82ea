package dev.ledger.app.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import java.util.List;

/** A transfer as the REST contract shows it. {@code failureCode} is left out while there is none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TransferResponse(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                        String currency, String status, String failureCode, List<TransferStep> steps) {

    static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId().value(), view.sourceAccountId().value(),
                view.destinationAccountId().value(), view.amount().minorUnits(),
                view.amount().currency().getCurrencyCode(), view.status().name(),
                view.failureCode() == null ? null : view.failureCode().name(), view.steps());
    }
}
