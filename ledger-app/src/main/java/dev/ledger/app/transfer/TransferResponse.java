package dev.ledger.app.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import java.time.Instant;
import java.util.List;

/**
 * A transfer as the REST contract shows it. {@code failureCode} is left out while there is none.
 * {@code correlationId} (the request that started the transfer) and each step's {@code correlationId} and
 * {@code causationId} extend the contract; they are left out where the read model has none, as are
 * {@code requestedAt} (the listing order) and the client's {@code reference}. {@code capture} is always there;
 * {@code expiresAt} only for a {@code MANUAL} transfer, and {@code capturedAmount} once it is captured.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferResponse(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                        String currency, String status, String failureCode, List<Step> steps,
                        String correlationId, Instant requestedAt, String reference, String capture,
                        Instant expiresAt, Long capturedAmount) {

    /** One step of the timeline. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, Instant at, String correlationId, String causationId) {

        /** A step of the read model's timeline, as the API shows it (also in the manual-review queue). */
        public static Step of(TransferStep step) {
            return new Step(step.name(), step.at(), step.correlationId(), step.causationId());
        }
    }

    static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId().value(), view.sourceAccountId().value(),
                view.destinationAccountId().value(), view.amount().minorUnits(),
                view.amount().currency().getCurrencyCode(), view.status().name(),
                view.failureCode() == null ? null : view.failureCode().name(),
                view.steps().stream().map(Step::of).toList(), view.correlationId(), view.requestedAt(),
                view.reference(), view.capture().name(), view.expiresAt(),
                view.captured() == null ? null : view.captured().minorUnits());
    }
}
