package dev.ledger.app.web;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code code}; none carries a stack trace, an exception message from a library, or a class name.
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
        return respond(of(e));
    }

    /** Over a distributed command bus, a rule violation arrives with its code as the exception's details. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof LedgerErrorCode code) {
            return respond(problem(statusOf(code), code.name(), e.getMessage()));
        }
        if (e.getCause() instanceof LedgerRuleViolation violation) {
            return ruleViolation(violation);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> accountNotFound(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, LedgerErrorCode.ACCOUNT_NOT_FOUND.name(),
                "No account " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> refused(ApiProblem e) {
        return respond(problem(e.status(), e.code(), e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (RemoteHandlerUnavailable.isCauseOf(e)) {
            log.warn("A node that was to handle the request is unavailable; answered 503: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(RemoteHandlerUnavailable.RETRY_AFTER_SECONDS))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "The ledger node that was"
                            + " to handle this request went away. Send it again with the same Idempotency-Key: it"
                            + " takes effect at most once."));
        }
        log.error("Unexpected failure while serving a request", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "The ledger could not complete the request; nothing was acknowledged."));
    }

    /** Spring MVC's own failures (unreadable JSON, wrong media type, unknown route...) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String code = codeFor(e, status);
        String detail = status.value() == 400 ? describeBadRequest(e) : reasonOf(status);
        return respond(problem(status, code, detail));
    }

    private static String codeFor(Exception e, HttpStatusCode status) {
        if (e instanceof MissingRequestHeaderException missing
                && "Idempotency-Key".equalsIgnoreCase(missing.getHeaderName())) {
            return "IDEMPOTENCY_KEY_MISSING";
        }
        return switch (status.value()) {
            case 400 -> "VALIDATION_FAILED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status.is5xxServerError() ? "INTERNAL_ERROR" : "REQUEST_REJECTED";
        };
    }

    /** Library messages can quote class names and input; the client gets a fixed sentence instead. */
    private static String describeBadRequest(Exception e) {
        if (e instanceof MissingRequestHeaderException missing) {
            return "The header " + missing.getHeaderName() + " is required";
        }
        return "The request is malformed: check the JSON syntax, field names and field types";
    }

    private static String reasonOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Request rejected" : known.getReasonPhrase();
    }

    /** The problem a broken business rule is answered with, also for storing and replaying that answer. */
    public static ProblemDetail of(LedgerRuleViolation violation) {
        return problem(statusOf(violation.code()), violation.code().name(), violation.getMessage());
    }

    static HttpStatus statusOf(LedgerErrorCode code) {
        return switch (code) {
            case ACCOUNT_NOT_FOUND, TRANSFER_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ACCOUNT_EXISTS, TRANSFER_EXISTS -> HttpStatus.CONFLICT;
            case PROPERTY_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case INSUFFICIENT_FUNDS, ACCOUNT_FROZEN, ACCOUNT_CLOSED, ACCOUNT_NOT_EMPTY, CURRENCY_MISMATCH,
                 SAME_ACCOUNT, BALANCE_LIMIT_EXCEEDED, TRANSFER_ALREADY_ENDED, STEP_TIMED_OUT ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    static ProblemDetail payloadTooLarge(int limitBytes) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "The request body is over the limit of " + limitBytes + " bytes");
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ledger:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(reasonOf(status));
        problem.setProperty("code", code);
        return problem;
    }

    /** For filters, which answer before Spring MVC's exception handling is in play. */
    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
