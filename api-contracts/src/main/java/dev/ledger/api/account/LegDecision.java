package dev.ledger.api.account;

import dev.ledger.api.error.LedgerErrorCode;
import java.util.Objects;

/**
 * An account's answer to one leg of a transfer ({@link DebitAccount}, {@link CreditAccount},
 * {@link RefundAccountDebit}, {@link HoldAccountFunds}, {@link CaptureAccountHold}, {@link ReleaseAccountHold}): the result of the leg's command. The event the leg records says the same thing; the
 * answer lets a saga whose command was handled before {@code send} returned, as on a local command bus, take its
 * next step at once, in the same transaction, instead of waiting to handle that event.
 *
 * @param outcome what the account did with this command
 * @param reason  the rule the leg broke when {@link Outcome#REJECTED}, otherwise {@code null}
 */
public record LegDecision(Outcome outcome, LedgerErrorCode reason) {

    /** What an account did with a leg's command. */
    public enum Outcome {
        /** The money moved, and the leg's event was recorded. */
        APPLIED,
        /** A rule refused the leg, and its rejection event was recorded; {@code reason} names the rule. */
        REJECTED,
        /** The account had decided this leg for this transfer before: the command changed nothing. */
        DECIDED_BEFORE
    }

    public LegDecision {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("A reason goes with a rejection only, not with " + outcome);
        }
    }

    /** The leg moved the money. */
    public static LegDecision applied() {
        return new LegDecision(Outcome.APPLIED, null);
    }

    /** The leg broke {@code reason}. */
    public static LegDecision rejected(LedgerErrorCode reason) {
        return new LegDecision(Outcome.REJECTED, Objects.requireNonNull(reason, "reason"));
    }

    /** The leg was a repeat: its decision was recorded earlier. */
    public static LegDecision decidedBefore() {
        return new LegDecision(Outcome.DECIDED_BEFORE, null);
    }
}
