package dev.ledger.transfer;

import static dev.ledger.api.transfer.review.LegState.NEVER_SEEN;
import static dev.ledger.api.transfer.review.LegState.REFUSED;
import static dev.ledger.api.transfer.review.LegState.TAKEN;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.LegEvidence;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which review actions the accounts' own streams support, for one transfer in manual review. Money left the source
 * when its debit, or the capture of its hold, was taken:
 * <ul>
 *   <li>{@code COMPLETE} when it left and the destination's credit was taken, and nothing was refunded;</li>
 *   <li>{@code REFUND} when it left and neither the credit nor a refund was taken;</li>
 *   <li>{@code FAIL} when nothing left, nothing was credited or refunded, and no hold is open;</li>
 *   <li>{@code RETRY} when the next leg was never seen: the credit after the money left, the refund after a refused
 *       credit, or the capture or release an authorized transfer decided on, with its hold still open. A refused leg
 *       is not retried: the account remembers deciding it and would only say so again.</li>
 * </ul>
 * The transfer decides with it ({@link Transfer}); the review queue shows the same verdict beside the evidence.
 */
public final class ReviewVerdict {

    /** An authorized transfer's decided second phase, if any: what a retry of its hold's leg must do. */
    public enum SecondPhase { NONE, CAPTURE, RELEASE }

    /** The leg a refund or retry sends, and the amount it moves: what the saga resumes with. */
    public record Resumption(Leg leg, Money amount) {
    }

    private final ReviewEvidence evidence;
    private final SecondPhase secondPhase;
    private final Money captured;

    /**
     * @param captured what the transfer decided to capture, for a capture's retry; null when it decided none
     */
    public ReviewVerdict(ReviewEvidence evidence, SecondPhase secondPhase, Money captured) {
        this.evidence = evidence;
        this.secondPhase = secondPhase;
        this.captured = captured;
    }

    /** Every action the evidence supports. */
    public Set<ReviewAction> allowed() {
        Set<ReviewAction> allowed = EnumSet.noneOf(ReviewAction.class);
        for (ReviewAction action : ReviewAction.values()) {
            if (supports(action)) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    public boolean supports(ReviewAction action) {
        boolean credited = evidence.shows(Leg.CREDIT, TAKEN);
        boolean refunded = evidence.shows(Leg.REFUND, TAKEN);
        return switch (action) {
            case COMPLETE -> moneyOut().isPresent() && credited && !refunded;
            case REFUND -> moneyOut().isPresent() && !credited && !refunded;
            case FAIL -> moneyOut().isEmpty() && !credited && !refunded && !holdOpen();
            case RETRY -> stuckLeg().isPresent();
        };
    }

    /** What a supported refund or retry sends; empty for the actions that only record an end. */
    public Optional<Resumption> resumption(ReviewAction action) {
        return switch (action) {
            case REFUND -> moneyOut().map(amount -> new Resumption(Leg.REFUND, amount));
            case RETRY -> stuckLeg();
            case COMPLETE, FAIL -> Optional.empty();
        };
    }

    // What left the source: the debit's amount, or what was captured of the hold.
    private Optional<Money> moneyOut() {
        return taken(Leg.DEBIT).or(() -> taken(Leg.CAPTURE));
    }

    private Optional<Money> taken(Leg leg) {
        return evidence.of(leg).filter(seen -> seen.state() == TAKEN).map(LegEvidence::amount);
    }

    private boolean holdOpen() {
        return evidence.shows(Leg.HOLD, TAKEN) && !evidence.shows(Leg.CAPTURE, TAKEN)
                && !evidence.shows(Leg.RELEASE, TAKEN);
    }

    private Optional<Resumption> stuckLeg() {
        Optional<Money> out = moneyOut();
        boolean refundUnseen = evidence.shows(Leg.REFUND, NEVER_SEEN);
        if (out.isPresent() && refundUnseen && evidence.shows(Leg.CREDIT, NEVER_SEEN)) {
            return Optional.of(new Resumption(Leg.CREDIT, out.get()));
        }
        if (out.isPresent() && refundUnseen && evidence.shows(Leg.CREDIT, REFUSED)) {
            return Optional.of(new Resumption(Leg.REFUND, out.get()));
        }
        boolean unseen = evidence.shows(Leg.CAPTURE, NEVER_SEEN) && evidence.shows(Leg.RELEASE, NEVER_SEEN);
        if (holdOpen() && unseen && secondPhase == SecondPhase.CAPTURE) {
            return Optional.of(new Resumption(Leg.CAPTURE, captured));
        }
        if (holdOpen() && unseen && secondPhase == SecondPhase.RELEASE) {
            return taken(Leg.HOLD).map(held -> new Resumption(Leg.RELEASE, held));
        }
        return Optional.empty();
    }
}
