package dev.ledger.api.transfer.review;

import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An admin proposed a resolution that moves money by hand; it runs only once another admin approves it, before
 * {@code expiresAt}. Until then the transfer stays in manual review.
 *
 * @param proposedBy the proposing admin's principal
 * @param reason     the proposer's words
 * @param evidence   what the accounts' streams showed when it was proposed
 */
@Revision("1")
public record TransferResolutionProposed(TransferId transferId, String resolutionId, ReviewAction action,
                                         String reason, String proposedBy, ReviewEvidence evidence,
                                         Instant expiresAt) implements TransferEvent {
}
