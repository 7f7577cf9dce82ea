package dev.ledger.app.web;

import org.springframework.http.HttpStatus;

/**
 * The stable codes the web layer answers with when the refusal is not a broken business rule
 * ({@link dev.ledger.api.error.LedgerErrorCode}): the request's shape, its credentials, its idempotency key, or the
 * server's own state. Each appears in the {@code code} field of problem+json; a name, once published, never changes.
 * The status is the one the code is always answered with, except where a constant says otherwise.
 */
public enum RequestErrorCode {

    /** Malformed or invalid input: bad JSON, unknown or missing fields, wrong types, bad ids, amounts or parameters. */
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),

    /** A request that needs an {@code Idempotency-Key} header came without one, or with an empty one. */
    IDEMPOTENCY_KEY_MISSING(HttpStatus.BAD_REQUEST),

    /** The same {@code Idempotency-Key} was used by the same caller for a request with a different content. */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_CONTENT),

    /** A request with the same {@code Idempotency-Key} is still running; send it again once that one answered. */
    CONCURRENT_REQUEST(HttpStatus.CONFLICT),

    /** No credentials, or credentials that are not valid; the body never says which. */
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),

    /** The caller's role does not allow the request. */
    FORBIDDEN(HttpStatus.FORBIDDEN),

    /** No route answers this path. Accounts and transfers that do not exist have codes of their own. */
    NOT_FOUND(HttpStatus.NOT_FOUND),

    /** The route exists, but not for this HTTP method. */
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),

    /** The {@code Accept} header names no media type the route can produce. */
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),

    /** The request body is over the limit. */
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

    /** The request body is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

    /** An admin request names a read model (processing group) that does not exist. Answered with 400. */
    PROJECTION_NOT_FOUND(HttpStatus.BAD_REQUEST),

    /** An admin request asks to rebuild a processor that is not a read model, whose replay would repeat side effects. */
    PROJECTION_NOT_REBUILDABLE(HttpStatus.BAD_REQUEST),

    /**
     * Any other 4xx refusal of the HTTP layer, such as a request the servlet container could not parse; the status is
     * the one the container chose, 400 unless it says otherwise.
     */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST),

    /**
     * The node that was to handle the request is unavailable. Answered with {@code Retry-After}; sent again with the
     * same {@code Idempotency-Key}, the request takes effect at most once.
     */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),

    /** An unexpected failure; nothing was acknowledged. The log has the stack trace under the correlation id. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    RequestErrorCode(HttpStatus status) {
        this.status = status;
    }

    /** The status this code is answered with. */
    public HttpStatus status() {
        return status;
    }
}
