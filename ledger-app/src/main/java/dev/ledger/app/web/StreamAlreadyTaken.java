package dev.ledger.app.web;

import org.axonframework.modelling.command.AggregateStreamCreationException;

/**
 * Recognises the creation of an aggregate whose id is taken: an account or a transfer opened twice. The embedded
 * event store reports it as {@link AggregateStreamCreationException}. Axon Server refuses the first event's sequence
 * number 0 ({@code AXONIQ-2000}) on the node that handled the command, and that node's failure reaches the sender
 * only as a remote exception's message, so the message is what can be recognised.
 */
public final class StreamAlreadyTaken {

    private static final String AXON_SERVER_REFUSED_SEQUENCE_ZERO = "[AXONIQ-2000] Invalid sequence number 0 ";

    private StreamAlreadyTaken() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException
                    || String.valueOf(cause.getMessage()).contains(AXON_SERVER_REFUSED_SEQUENCE_ZERO)) {
                return true;
            }
        }
        return false;
    }
}
