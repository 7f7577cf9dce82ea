package dev.ledger.transfer;

/**
 * Told each time a transfer step went a whole step timeout without its answer, so that the saga sends it again
 * or, at the last attempt, ends the transfer in manual review. Only the saga can tell: its deadline also fires
 * for a transfer that has merely moved on to a later step since the deadline was set, which is no timeout.
 */
@FunctionalInterface
public interface StepTimeouts {

    /** For a configuration that does not watch the timeouts. */
    StepTimeouts IGNORED = stage -> {
    };

    /**
     * Called inside the saga's unit of work, which may still roll back.
     *
     * @param stage the step that timed out, in lower case: {@code debiting}, {@code crediting}, {@code refunding}
     *              or {@code finishing}
     */
    void stepTimedOut(String stage);
}
