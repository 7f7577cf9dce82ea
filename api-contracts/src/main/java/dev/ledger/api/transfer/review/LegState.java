package dev.ledger.api.transfer.review;

/** What an account's own event stream says about one leg of a transfer. */
public enum LegState {
    /** The account applied it: its event is in the stream. */
    TAKEN,
    /** The account decided against it and recorded the rejection. */
    REFUSED,
    /** The stream has neither: the account never decided it. */
    NEVER_SEEN
}
