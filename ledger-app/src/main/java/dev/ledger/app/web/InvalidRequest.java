package dev.ledger.app.web;

/** A request whose content breaks the API's rules (bad id, currency, amount, page); answered with 400. */
public class InvalidRequest extends RuntimeException {

    private final String code;

    public InvalidRequest(String message) {
        this("VALIDATION_FAILED", message);
    }

    public InvalidRequest(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Runs a conversion from request to domain values, whose value types refuse bad input with
     * {@link IllegalArgumentException} or {@link NullPointerException}, and reports that as a bad request.
     */
    public static <T> T whenInvalid(java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest(e.getMessage());
        }
    }
}
