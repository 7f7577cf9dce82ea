package dev.ledger.api;

/**
 * The metadata keys that tie every command and event to where it came from.
 *
 * <ul>
 *   <li>{@value #CORRELATION_ID}: the id of the originating request, the same on every message that request
 *       led to, however many hops later (the saga's commands, their events, retries after a deadline). For a
 *       request over HTTP it is the request id ({@code X-Request-Id}, accepted or generated); for a message
 *       sent outside any request it is that message's own id.</li>
 *   <li>{@value #CAUSATION_ID}: the id of the direct cause: the message whose handling sent this one, or the
 *       request id for the command a request sent.</li>
 * </ul>
 *
 * Both are opaque strings and never carry personal data, so they may leave the ledger (Kafka headers).
 */
public final class Correlation {

    /** Metadata key of the originating request's id. */
    public static final String CORRELATION_ID = "correlationId";

    /** Metadata key of the direct cause's id. */
    public static final String CAUSATION_ID = "causationId";

    private Correlation() {
    }
}
