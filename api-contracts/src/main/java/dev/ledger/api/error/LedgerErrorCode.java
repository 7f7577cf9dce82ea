package dev.ledger.api.error;

/**
 * The stable codes for broken business rules. They appear in the {@code code} field of problem+json
 * responses and as the reason of rejection events, so a name, once published, never changes.
 */
public enum LedgerErrorCode {
    ACCOUNT_NOT_FOUND,
    TRANSFER_NOT_FOUND,
    INSUFFICIENT_FUNDS,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    ACCOUNT_NOT_EMPTY,
    CURRENCY_MISMATCH,
    SAME_ACCOUNT,
    ACCOUNT_EXISTS,
    TRANSFER_EXISTS,
    /** A balance would leave the range the ledger can represent exactly. */
    BALANCE_LIMIT_EXCEEDED,
    /** A command tried to move a transfer out of a terminal state into another one. */
    TRANSFER_ALREADY_ENDED,
    /** A saga step stayed unanswered past its deadline and every retry. */
    STEP_TIMED_OUT,
    /**
     * A leg of a transfer requested longer ago than accounts remember the legs they decided (seven days) arrived:
     * the account cannot tell whether it decided that leg before, so it refuses it, and the transfer is left for
     * manual review. Only a saga step gets this, never a request.
     */
    TRANSFER_TOO_OLD,
    /**
     * The request sets a property that the caller's role may not set, or not to that value: a customer naming
     * another owner, granting itself an overdraft, or choosing an account id outside its own. Answered with
     * {@code 403}; the request changes nothing, and the answer does not depend on other customers' accounts.
     */
    PROPERTY_NOT_ALLOWED,
    /** A capture asked for more than the transfer's authorized amount. */
    CAPTURE_EXCEEDS_AUTHORIZATION,
    /** A capture or void of a transfer that is not {@code AUTHORIZED}: one moving at once, or still being held. */
    TRANSFER_NOT_AUTHORIZED,
    /** A capture or void of a transfer that has been captured already: there is one capture per transfer. */
    TRANSFER_ALREADY_CAPTURED,
    /** A capture or void of a transfer that has been voided already. */
    TRANSFER_ALREADY_VOIDED,
    /** A capture or void of a transfer whose authorization lapsed at its {@code expiresAt}. */
    TRANSFER_EXPIRED,
    /**
     * A deposit or withdrawal carries the movement id of one the account applied before, but is not that movement:
     * the other direction, or another amount or currency. It is refused and nothing moves. The API derives movement
     * ids from idempotency keys, and refuses such a request earlier as {@code IDEMPOTENCY_KEY_REUSED}.
     */
    MOVEMENT_ID_REUSED,
    /** A review action for a transfer that is not, or no longer, in {@code MANUAL_REVIEW}. */
    TRANSFER_NOT_IN_REVIEW,
    /**
     * A review action that the accounts' own streams contradict: a refund when the credit was taken, a completion
     * without both legs, a failure when money moved or is held, a retry with no leg left unseen.
     */
    RESOLUTION_CONTRADICTS_EVIDENCE,
    /** A review action while another admin's proposal for the same transfer awaits approval. */
    RESOLUTION_ALREADY_PROPOSED,
    /** An approval of a proposal past its expiry; propose it again. */
    RESOLUTION_PROPOSAL_EXPIRED,
    /** An approval of a proposal the transfer does not have open. */
    RESOLUTION_NOT_FOUND,
    /** An admin approving its own proposal: a resolution that moves money needs a second, different admin. */
    FOUR_EYES_REQUIRED
}
