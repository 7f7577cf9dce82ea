package dev.ledger.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the transfer saga waits at least for the answer to one step (a debit, a credit, a refund, or
 * recording the end) before sending it again; less than twice as long, as its one deadline per transfer checks
 * the step every timeout. Three unanswered attempts end the transfer in manual review.
 */
public record TransferStepTimeout(Duration value) {

    public static final TransferStepTimeout DEFAULT = new TransferStepTimeout(Duration.ofSeconds(30));

    public TransferStepTimeout {
        Objects.requireNonNull(value, "value");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("A step timeout must be positive");
        }
    }
}
