package dev.ledger.app.web;

import org.springframework.http.HttpStatus;

/**
 * A request refused by the web layer itself (not by a business rule), with the HTTP status and the stable
 * code the contract gives it, such as {@code 409 CONCURRENT_REQUEST}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiProblem(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
