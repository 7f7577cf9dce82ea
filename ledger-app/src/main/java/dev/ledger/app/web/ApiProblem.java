package dev.ledger.app.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request refused by the web layer itself (not by a business rule), with the stable code the contract gives it,
 * such as {@code 409 CONCURRENT_REQUEST}, and the pieces of the request that are at fault, if it is about them.
 */
public class ApiProblem extends RuntimeException {

    private final RequestErrorCode code;
    private final transient List<InputError> errors;

    public ApiProblem(RequestErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiProblem(RequestErrorCode code, String message, List<InputError> errors) {
        super(message);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return code.status();
    }

    public RequestErrorCode code() {
        return code;
    }

    /** The offending pieces of the request; empty when the refusal is not about specific input. */
    public List<InputError> errors() {
        return errors;
    }
}
