package dev.ledger.api.transfer.review;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What one account's event stream says about one leg of a transfer.
 *
 * @param leg            which leg
 * @param accountId      the account whose stream was read
 * @param state          taken, refused or never seen
 * @param amount         what the leg moved or held, when taken; null otherwise
 * @param reason         why the account refused it, when refused; null otherwise
 * @param sequenceNumber the position of the deciding event in the account's stream; null when never seen
 * @param at             when the account decided; null when never seen
 */
public record LegEvidence(Leg leg, AccountId accountId, LegState state, Money amount, LedgerErrorCode reason,
                          Long sequenceNumber, Instant at) {

    public LegEvidence {
        Objects.requireNonNull(leg, "leg");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(state, "state");
    }

    /** A leg the account's stream has no decision for. */
    public static LegEvidence neverSeen(Leg leg, AccountId accountId) {
        return new LegEvidence(leg, accountId, LegState.NEVER_SEEN, null, null, null, null);
    }
}
