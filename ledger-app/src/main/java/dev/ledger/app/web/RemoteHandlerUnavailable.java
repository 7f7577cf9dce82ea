package dev.ledger.app.web;

import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.queryhandling.NoHandlerForQueryException;

/**
 * Recognises a message that Axon Server could not get handled because of where it was routed, not because of what
 * it says: no node handles it right now, the node it went to disconnected (a node killed mid-request, until Axon
 * Server routes around it), or a read got no answer in time. The request may be sent again. A command whose handler was lost may have taken effect,
 * so the retry must be able to find it: a transfer carries its id (or one derived from the caller's
 * {@code Idempotency-Key}), and a repeated leg is decided once.
 */
final class RemoteHandlerUnavailable {

    /** Long enough for Axon Server to notice a dead node and route to another. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** Axon Server's codes for: connection failed, no handler, connection to the handler lost, dispatch failed. */
    private static final Set<String> UNROUTED = Set.of("AXONIQ-3001", "AXONIQ-4000", "AXONIQ-4001", "AXONIQ-4003",
            "AXONIQ-5000", "AXONIQ-5002");

    /**
     * Axon Framework maps codes it does not know, such as {@code AXONIQ-4001} (connection to the handler lost), to its
     * catch-all {@code AXONIQ-0001} and keeps only the server's message.
     */
    private static final String UNKNOWN_CODE = "AXONIQ-0001";
    private static final String HANDLER_LOST = "Connection lost while executing command";

    private RemoteHandlerUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof NoHandlerForCommandException || cause instanceof NoHandlerForQueryException
                    || cause instanceof CommandDispatchException
                    || cause instanceof AxonServerException remote && (UNROUTED.contains(remote.code())
                    || UNKNOWN_CODE.equals(remote.code()) && String.valueOf(remote.getMessage()).startsWith(HANDLER_LOST))) {
                return true;
            }
        }
        return false;
    }
}
