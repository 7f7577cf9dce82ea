package dev.ledger.api.transfer.review;

/**
 * How an operator resolves a transfer in manual review. Each is allowed only when the accounts' streams support it
 * ({@link ReviewEvidence}); the two that settle money by hand need a second admin's approval.
 */
public enum ReviewAction {
    /** Send the stuck leg again: a credit, refund, capture or release that no account has seen. */
    RETRY(false),
    /** Give the source its money back: the debit was taken and the credit was not. Needs four eyes. */
    REFUND(true),
    /** Record the transfer as completed: both legs were taken. Needs four eyes. */
    COMPLETE(true),
    /** Record the transfer as failed: nothing moved and nothing is held. */
    FAIL(false);

    private final boolean needsFourEyes;

    ReviewAction(boolean needsFourEyes) {
        this.needsFourEyes = needsFourEyes;
    }

    /** Whether a second admin, not the proposer, must approve it before it runs. */
    public boolean needsFourEyes() {
        return needsFourEyes;
    }
}
