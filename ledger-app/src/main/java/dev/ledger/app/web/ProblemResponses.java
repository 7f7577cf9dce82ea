package dev.ledger.app.web;

import dev.ledger.api.Correlation;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where failures become RFC 9457 problem+json. Every body carries a stable upper-snake
 * {@code code}, and a 400 about specific input an {@code errors} array naming each offending piece; none carries a
 * stack trace, an exception message from a library, or a class name. A refusal is expected, so it is logged in one
 * line at INFO; only a failure of the ledger itself (5xx) is logged with its stack trace.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler(LedgerRuleViolation.class)
    ResponseEntity<Object> ruleViolation(LedgerRuleViolation e) {
        return refusal(of(e), HttpHeaders.EMPTY);
    }

    /** Over a distributed command bus, a rule violation arrives with its code as the exception's details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof LedgerErrorCode code) {
            return refusal(problem(statusOf(code), code.name(), e.getMessage()), HttpHeaders.EMPTY);
        }
        if (e.getCause() instanceof LedgerRuleViolation violation) {
            return ruleViolation(violation);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> accountNotFound(AggregateNotFoundException e) {
        return refusal(problem(HttpStatus.NOT_FOUND, LedgerErrorCode.ACCOUNT_NOT_FOUND.name(),
                "No account " + e.getAggregateIdentifier()), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> refused(ApiProblem e) {
        return refusal(problem(e.code(), e.getMessage(), e.errors()), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (RemoteHandlerUnavailable.isCauseOf(e)) {
            log.warn("A node that was to handle the request is unavailable; answered 503 [correlation {}]: {}",
                    correlationId(), e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RemoteHandlerUnavailable.RETRY_AFTER_SECONDS))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(RequestErrorCode.SERVICE_UNAVAILABLE, "The ledger node that was to handle this"
                            + " request went away. Send it again with the same Idempotency-Key: it takes effect at"
                            + " most once."));
        }
        log.error("Unexpected failure while serving a request [correlation {}]", correlationId(), e);
        return respond(problem(RequestErrorCode.INTERNAL_ERROR,
                "The ledger could not complete the request; nothing was acknowledged."), HttpHeaders.EMPTY);
    }

    /** Spring MVC's own failures (unreadable JSON, wrong media type, unknown route...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            return unexpected(e);
        }
        List<InputError> errors = status.value() == 400 ? RequestInputErrors.of(e) : List.of();
        String detail = status.value() != 400 ? reasonOf(status)
                : errors.size() == 1 ? errors.get(0).reason()
                : "The request is malformed: check the JSON syntax, field names and field types";
        return refusal(problem(status, codeFor(e, status).name(), detail, errors), headers);
    }

    private static RequestErrorCode codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof MissingRequestHeaderException missing
                && "Idempotency-Key".equalsIgnoreCase(missing.getHeaderName())) {
            return RequestErrorCode.IDEMPOTENCY_KEY_MISSING;
        }
        return codeFor(status);
    }

    /** The code of a refusal known only by its status, as from Spring MVC or the servlet container. */
    static RequestErrorCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> RequestErrorCode.VALIDATION_FAILED;
            case 401 -> RequestErrorCode.UNAUTHENTICATED;
            case 403 -> RequestErrorCode.FORBIDDEN;
            case 404 -> RequestErrorCode.NOT_FOUND;
            case 405 -> RequestErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> RequestErrorCode.NOT_ACCEPTABLE;
            case 413 -> RequestErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> RequestErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> RequestErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? RequestErrorCode.INTERNAL_ERROR : RequestErrorCode.REQUEST_REJECTED;
        };
    }

    static String reasonOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Request rejected" : known.getReasonPhrase();
    }

    /** The problem a broken business rule is answered with, also for storing and replaying that answer. */
    public static ProblemDetail of(LedgerRuleViolation violation) {
        return problem(statusOf(violation.code()), violation.code().name(), violation.getMessage());
    }

    static HttpStatus statusOf(LedgerErrorCode code) {
        return switch (code) {
            case ACCOUNT_NOT_FOUND, TRANSFER_NOT_FOUND, RESOLUTION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ACCOUNT_EXISTS, TRANSFER_EXISTS, TRANSFER_NOT_AUTHORIZED, TRANSFER_ALREADY_CAPTURED,
                 TRANSFER_ALREADY_VOIDED, TRANSFER_EXPIRED, TRANSFER_NOT_IN_REVIEW, RESOLUTION_ALREADY_PROPOSED,
                 RESOLUTION_PROPOSAL_EXPIRED -> HttpStatus.CONFLICT;
            case PROPERTY_NOT_ALLOWED, FOUR_EYES_REQUIRED -> HttpStatus.FORBIDDEN;
            case INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, ACCOUNT_CLOSED, ACCOUNT_NOT_EMPTY, CURRENCY_MISMATCH,
                 SAME_ACCOUNT, BALANCE_LIMIT_EXCEEDED, TRANSFER_ALREADY_ENDED, STEP_TIMED_OUT, TRANSFER_TOO_OLD,
                 CAPTURE_EXCEEDS_AUTHORIZATION, MOVEMENT_ID_REUSED, RESOLUTION_CONTRADICTS_EVIDENCE ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    static ProblemDetail payloadTooLarge(int limitBytes) {
        return problem(RequestErrorCode.PAYLOAD_TOO_LARGE, "The request body is over the limit of " + limitBytes
                + " bytes");
    }

    /** A problem with a web-layer code, answered with the code's own status. */
    public static ProblemDetail problem(RequestErrorCode code, String detail) {
        return problem(code.status(), code.name(), detail);
    }

    static ProblemDetail problem(RequestErrorCode code, String detail, List<InputError> errors) {
        return problem(code.status(), code.name(), detail, errors);
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        return problem(status, code, detail, List.of());
    }

    /** {@code errors} is left out rather than empty when the refusal is not about specific input. */
    static ProblemDetail problem(HttpStatusCode status, String code, String detail, List<InputError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ledger:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(reasonOf(status));
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** For filters, which answer before Spring MVC's exception handling is in play. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** An expected refusal: one line, no stack trace, with what a support request would quote. */
    private static ResponseEntity<Object> refusal(ProblemDetail problem, HttpHeaders headers) {
        logRefusal(problem);
        return respond(problem, headers);
    }

    /**
     * A refusal by the servlet container, which does not say which piece of the request it refused, so it carries
     * no {@code errors}. Logged like every refusal; a 5xx has been logged with its cause where it happened.
     */
    static ProblemDetail containerRefusal(HttpStatusCode status) {
        ProblemDetail problem = problem(status, codeFor(status).name(), status.value() == 400
                ? "The server could not parse the request: check the request line and the headers for characters"
                + " HTTP does not allow"
                : reasonOf(status));
        if (!status.is5xxServerError()) {
            logRefusal(problem);
        }
        return problem;
    }

    private static void logRefusal(ProblemDetail problem) {
        log.info("Refused with {} {} [correlation {}]: {}", problem.getStatus(), problem.getProperties().get("code"),
                correlationId(), printable(problem.getDetail()));
    }

    private static String correlationId() {
        String id = MDC.get(Correlation.CORRELATION_ID);
        return id == null ? "none" : id;
    }

    /** A detail may quote the request, and a log line must stay one line. */
    private static String printable(String detail) {
        return detail == null ? "" : detail.replaceAll("\\p{Cntrl}", "?");
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
