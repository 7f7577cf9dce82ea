package dev.ledger.app.web;

import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/** A request whose content breaks the API's rules (bad id, currency, amount, page); answered with 400. */
public class InvalidRequest extends ApiProblem {

    public InvalidRequest(String message) {
        this("VALIDATION_FAILED", message);
    }

    public InvalidRequest(String code, String message) {
        super(HttpStatus.BAD_REQUEST, code, message);
    }

    /** Refuses a page request outside {@code page >= 0} and {@code 1 <= size <= maxSize}. */
    public static void requirePage(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw new InvalidRequest("page must be >= 0 and size between 1 and " + maxSize);
        }
    }

    /**
     * Runs a conversion from request to domain values, whose value types refuse bad input with
     * {@link IllegalArgumentException} or {@link NullPointerException}, and reports that as a bad request.
     */
    public static <T> T whenInvalid(Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }
}
