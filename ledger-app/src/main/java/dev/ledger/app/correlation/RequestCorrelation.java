package dev.ledger.app.correlation;

import java.util.Optional;

/**
 * The id of the HTTP request this thread is serving, if any. A thread-local, because commands are dispatched
 * on the request's own thread, and Axon reads correlation data where a message is created.
 */
public final class RequestCorrelation {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestCorrelation() {
    }

    static void begin(String requestId) {
        CURRENT.set(requestId);
    }

    static void end() {
        CURRENT.remove();
    }

    /** The id of the request this thread serves, which answers may show as their {@code correlationId}. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
